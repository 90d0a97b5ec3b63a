"""A writer submits, an editor schedules, time passes, a reader sees the article."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.helpers.browser import log_in
from tests.helpers.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_writer_submits_editor_schedules_reader_sees(live_server, browser):
    base = live_server.url
    writer = UserFactory(username="writer", is_staff=True, groups=["Writers"])
    UserFactory(username="editor", is_staff=True, groups=["Editors"])
    article = ArticleFactory(
        created_by=writer,
        section=SectionFactory(name="Politics"),
        headline="Rail decision due within weeks",
    )

    page = browser.new_context().new_page()
    log_in(page, base, "writer")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    options = page.locator("#id_status option").all_inner_texts()
    assert not any("Published" in option for option in options)
    page.select_option("#id_status", "review")
    page.get_by_role("button", name="Save", exact=True).first.click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert Article.objects.get().status == "review"

    editor = browser.new_context().new_page()
    log_in(editor, base, "editor")
    editor.goto(f"{base}/admin/articles/article/?state=review")
    editor.get_by_role("link", name="Rail decision due within weeks").click()
    when = timezone.localtime(timezone.now() + timedelta(seconds=8))
    editor.select_option("#id_status", "published")
    editor.fill("#id_published_at_0", f"{when:%Y-%m-%d}")
    editor.fill("#id_published_at_1", f"{when:%H:%M:%S}")
    editor.get_by_role("button", name="Save", exact=True).first.click()
    assert "was changed successfully" in editor.locator(".messagelist").inner_text()
    editor.goto(f"{base}/admin/articles/article/?state=scheduled")
    assert "Scheduled for" in editor.locator("#result_list").inner_text()

    reader = browser.new_context().new_page()
    url = base + Article.objects.get().get_absolute_url()
    assert reader.goto(url).status == 404
    reader.goto(base + "/")
    assert "Rail decision due within weeks" not in reader.content()

    deadline = when + timedelta(seconds=10)
    while timezone.now() < when:
        reader.wait_for_timeout(500)
    status = reader.goto(url).status
    assert status == 200, f"still {status} at {timezone.now()} (deadline {deadline})"
    assert reader.get_by_role("heading", level=1).inner_text() == "Rail decision due within weeks"
    reader.goto(base + "/")
    assert "Rail decision due within weeks" in reader.content()


def test_enter_on_the_history_page_compares_and_never_restores(live_server, page):
    """Pressing Enter on the History page (a radio button focused) submits the
    compare form; restoring is a separate page that asks first."""
    from reversion.models import Version

    from articles.editorial import workflow

    base = live_server.url
    editor = UserFactory(username="editor", is_staff=True, groups=["Editors"])
    article = ArticleFactory(headline="The first headline")
    workflow.publish(article, editor)
    article.headline = "The live headline"
    workflow.save(article, editor, comment="Edited")
    versions = Version.objects.get_for_object(article).count()

    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/history/")
    page.locator("input[name=a]").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/history/compare/**")
    assert "csrfmiddlewaretoken" not in page.url
    assert "The first headline" in page.locator("#content-main").inner_text().replace("\xa0", " ")
    assert Version.objects.get_for_object(article).count() == versions
    assert Article.objects.get().headline == "The live headline"

    page.go_back()
    page.get_by_role("link", name="Restore this version…").first.click()
    assert "Restore the version of" in page.locator("h1").inner_text()
    assert Article.objects.get().headline == "The live headline"
    page.get_by_role("button", name="Yes, restore this version").click()
    assert "Restored the version" in page.locator(".messagelist").inner_text()
    restored = Article.objects.get()
    assert restored.headline == "The first headline"
    assert restored.is_public
