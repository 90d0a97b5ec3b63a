"""The sections menu, in real Chromium: a strip on a wide screen, a "Sections"
menu on a phone that shows every section (no JavaScript needed)."""

import pytest

from tests.helpers.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = ["World News", "Politics", "Technology", "Science", "Business", "Culture"]


@pytest.fixture
def sections():
    for position, name in enumerate(SECTIONS):
        SectionFactory(name=name, slug=name.lower().replace(" ", "-"), position=position)


def visible_link_names(nav):
    return [link.inner_text() for link in nav.get_by_role("link").all() if link.is_visible()]


def test_phone_reader_opens_the_sections_menu_and_reaches_every_section(
    live_server, browser, sections
):
    # Without JavaScript: the menu is a <details> element.
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    menu = nav.locator("summary", has_text="Sections")
    assert menu.is_visible()
    assert visible_link_names(nav) == []  # closed: no strip cut off at the screen's edge

    # Keyboard: Tab to the menu, Enter opens it.
    menu.focus()
    page.keyboard.press("Enter")
    assert visible_link_names(nav) == ["Home", *SECTIONS]
    for link in nav.get_by_role("link").all():
        box = link.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert box["height"] >= 44  # a comfortable target for a thumb
    # Enter again closes it.
    page.keyboard.press("Enter")
    assert visible_link_names(nav) == []

    menu.click()
    nav.get_by_role("link", name="Science").click()
    page.wait_for_url("**/section/science/")
    assert page.get_by_role("heading", level=1).inner_text() == "Science"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_wide_screen_keeps_the_strip(live_server, page, sections):
    page.goto(live_server.url + "/section/politics/")
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    assert visible_link_names(nav) == ["Home", *SECTIONS]
    assert not nav.locator("summary").is_visible()
    current = nav.locator("a[aria-current]")
    assert current.count() == 2  # the strip's and the (hidden) menu's
    assert [link.inner_text() for link in current.all() if link.is_visible()] == ["Politics"]
