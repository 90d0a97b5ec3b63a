"""Pages (About, Contact, …): their addresses in a hierarchy, the footer menu,
the sitemap, the page cache, and the editorial rules in the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from articles.editorial import pages as page_gate
from articles.models import Page, PageRedirect
from pagecache.keys import purge_now
from tests.helpers.factories import ArticleFactory, SectionFactory, make_page

pytestmark = pytest.mark.django_db


def test_pages_have_addresses_in_their_hierarchy(client):
    about = make_page("About us", "about", body="<p>We report the harbour.</p>")
    make_page("Our team", "team", parent=about, body="<p>Maya edits.</p>")
    response = client.get("/about/team/")
    assert response.status_code == 200
    assertContains(response, "<p>Maya edits.</p>", html=True)
    assertContains(response, '<li><a href="/about/">About us</a></li>', html=True)
    response = client.get("/about/")
    assertContains(response, '<li><a href="/about/team/">Our team</a></li>', html=True)


def test_articles_still_answer_beside_pages(client):
    make_page("About us", "about")
    article = ArticleFactory(section=SectionFactory(slug="world"), status="published")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/about/nobody/").status_code == 404


def test_a_draft_page_is_404_for_readers_and_a_banner_for_editors(editor_client):
    make_page("Advertise", "advertise", status=Page.Status.DRAFT, body="<p>Rates.</p>")
    assert Client().get("/advertise/").status_code == 404
    response = editor_client.get("/advertise/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assertContains(response, "readers cannot see this page")


def test_a_page_under_a_draft_is_not_public(client):
    about = make_page("About us", "about", status=Page.Status.DRAFT)
    make_page("Our team", "team", parent=about)
    assert client.get("/about/team/").status_code == 404


@pytest.mark.parametrize("slug", ["section", "admin", "feeds", "corrections", "world"])
def test_slugs_the_site_or_a_section_uses_are_refused(editor_client, slug):
    SectionFactory(name="World", slug="world")
    response = editor_client.post(
        "/admin/articles/page/add/",
        {"title": "Clash", "slug": slug, "status": "draft", "footer_position": 0},
    )
    assert response.status_code == 200
    assertContains(response, "is already used by the site itself or by a section")
    assert not Page.objects.exists()


def test_a_section_may_not_take_a_pages_address(editor_client):
    make_page("About us", "about")
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "About", "slug": "about", "position": 0}
    )
    assertContains(response, "is a page&#x27;s address")


def test_two_pages_may_not_share_an_address(editor_client):
    make_page("About us", "about")
    response = editor_client.post(
        "/admin/articles/page/add/",
        {"title": "About again", "slug": "about", "status": "draft", "footer_position": 0},
    )
    assertContains(response, "Another page already has the address /about/.")
    assert Page.objects.count() == 1


def test_the_footer_menu_lists_published_pages_in_the_editors_order(client):
    make_page("Privacy", "privacy", in_footer=True, footer_position=2)
    make_page("About us", "about", in_footer=True, footer_position=1)
    make_page("Secret", "secret", in_footer=True, status=Page.Status.DRAFT)
    make_page("Terms", "terms", in_footer=False)
    response = client.get("/")
    assertContains(
        response,
        '<ul class="footer-pages"><li><a href="/about/">About us</a></li>'
        '<li><a href="/privacy/">Privacy</a></li></ul>',
        html=True,
    )
    assertNotContains(response, "Secret")


def test_editors_reorder_the_footer_from_the_list(editor_client):
    privacy = make_page("Privacy", "privacy", in_footer=True, footer_position=1)
    about = make_page("About us", "about", in_footer=True, footer_position=2)
    data = {
        "form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2,
        "form-0-id": about.pk, "form-0-footer_position": 0,
        "form-1-id": privacy.pk, "form-1-footer_position": 5,
        "_save": "Save",
    }  # fmt: skip
    editor_client.post("/admin/articles/page/?o=1", data)
    assert list(Page.objects.order_by("footer_position").values_list("slug", flat=True)) == [
        "about",
        "privacy",
    ]
    assertContains(
        Client().get("/"),
        '<ul class="footer-pages"><li><a href="/about/">About us</a></li>'
        '<li><a href="/privacy/">Privacy</a></li></ul>',
        html=True,
    )


def test_pages_are_in_the_sitemap(client):
    about = make_page("About us", "about")
    make_page("Our team", "team", parent=about)
    make_page("Draft", "draft-page", status=Page.Status.DRAFT)
    body = client.get("/sitemaps/pages.xml").content.decode()
    assert "http://testserver/about/team/" in body
    assert "draft-page" not in body
    assert "/sitemaps/pages.xml" in client.get("/sitemap.xml").content.decode()


@pytest.mark.django_db(transaction=True)  # a change announces itself when it commits
def test_pages_are_served_from_the_page_cache_and_change_at_once(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    page = make_page("About us", "about", body="<p>First words.</p>")
    client.get("/about/")
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "hit"
    page.body = "<p>Second words.</p>"
    page.save()
    assertContains(client.get("/about/"), "Second words.")


def test_a_moved_page_keeps_its_old_address(client):
    about = make_page("About us", "about")
    team = make_page("Our team", "team", parent=about)
    about.slug = "about-us"
    about.save()
    assert client.get("/about/team/")["Location"] == "/about-us/team/"
    assert client.get("/about/")["Location"] == "/about-us/"
    team.refresh_from_db()
    assert team.path == "about-us/team"
    assert PageRedirect.objects.count() == 2


def test_writers_draft_and_submit_but_do_not_publish(writer_client, writer):
    data = {"title": "Contact", "slug": "contact", "status": "published", "footer_position": 0}
    response = writer_client.post("/admin/articles/page/add/", data)
    assert response.status_code == 200
    assert not Page.objects.exists()
    writer_client.post("/admin/articles/page/add/", data | {"status": "review"})
    page = Page.objects.get()
    assert page.status == "review"
    assert page.created_by == writer
    # Once an editor publishes it, it is the editors' to change.
    page.status = Page.Status.PUBLISHED
    page.save()
    response = writer_client.post(
        f"/admin/articles/page/{page.pk}/change/", data | {"title": "Changed"}
    )
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "Contact"


def test_the_gate_refuses_who_may_not(writer, editor):
    page = Page(title="Terms", slug="terms", status=Page.Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        page_gate.save(page, writer)
    with pytest.raises(PermissionDenied):
        page_gate.save(page, AnonymousUser())
    page_gate.save(page, editor)
    assert Page.objects.get().created_by == editor


def test_the_page_admin_uses_the_body_editor(editor_client):
    response = editor_client.get("/admin/articles/page/add/")
    assertContains(response, "prose-editor")


def test_a_page_is_rendered_in_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.NEWSROOM_PAGE_CACHE = True
    about = make_page("About us", "about", in_footer=True)
    for number in range(5):
        make_page(f"Team {number}", f"team-{number}", parent=about, in_footer=True)
    client.get("/about/")  # warm the site-wide caches
    # The page itself goes stale (a query string no longer makes another page).
    purge_now({"pages"})
    with django_assert_max_num_queries(2):
        assert client.get("/about/")["X-Page-Cache"] == "miss"
