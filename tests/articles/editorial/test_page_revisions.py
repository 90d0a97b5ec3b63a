"""Pages keep revisions as articles do: every save through the page gate is one,
History lists them with who and when, Compare shows the changed words, and Restore
brings an earlier version's title, summary and body back as a new revision, through
the gate, never changing whether the page is published or where it is."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from reversion.models import Version

from articles.editorial import pages as page_gate
from articles.models import Page
from tests.helpers.factories import ArticleFactory, make_page
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "parent": page.parent_id or "",
        "summary": page.summary,
        "body": page.body,
        "status": page.status,
        "footer_position": page.footer_position,
    }
    if page.in_footer:
        data["in_footer"] = "on"
    return data | changes


def edited_twice(client, title="About us"):
    """A published page an editor saved, then rewrote, in the admin."""
    client.post(
        "/admin/articles/page/add/",
        {"title": title, "slug": "about", "status": "published", "footer_position": 0}
        | {"body": "<p>We report the harbour every morning.</p>"},
    )
    page = Page.objects.get(slug="about")
    client.post(
        f"/admin/articles/page/{page.pk}/change/",
        page_form(page, body="<p>We report the harbour every evening.</p>"),
    )
    page.refresh_from_db()
    return page


def versions_of(page):
    return list(Version.objects.get_for_object(page).order_by("pk"))


def test_history_lists_every_save_with_who(editor_client, editor):
    page = edited_twice(editor_client)
    assert len(versions_of(page)) == 2
    history = soup(editor_client.get(f"/admin/articles/page/{page.pk}/history/"))
    rows = history.select("#change-history tbody tr")
    assert len(rows) == 2
    assert [row.find_all("td")[3].get_text() for row in rows] == ["Changed", "Created"]
    assert (editor.get_full_name() or editor.get_username()) in rows[0].get_text()
    assert rows[1].find("a", string="Restore this version…")


def test_compare_shows_the_changed_words(editor_client):
    page = edited_twice(editor_client)
    older, newer = versions_of(page)
    response = editor_client.get(
        f"/admin/articles/page/{page.pk}/history/compare/?a={older.pk}&b={newer.pk}"
    )
    assert response.status_code == 200
    html = soup(response)
    assert html.find("del").get_text() == "morning."
    assert html.find("ins").get_text() == "evening."
    assert "Title (unchanged)" in html.get_text()


def test_restore_asks_then_brings_the_words_back_and_keeps_the_page_published(editor_client):
    page = edited_twice(editor_client)
    older = versions_of(page)[0]
    url = f"/admin/articles/page/{page.pk}/history/{older.pk}/restore/"
    question = editor_client.get(url)
    assert "stays published" in soup(question).get_text()
    assert Page.objects.get().body == "<p>We report the harbour every evening.</p>"
    # Meanwhile it was taken down: restoring an old published version does not publish it.
    Page.objects.filter(pk=page.pk).update(status=Page.Status.DRAFT)
    response = editor_client.post(url, follow=True)
    assert "Restored the version of" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "<p>We report the harbour every morning.</p>"
    assert page.status == Page.Status.DRAFT
    assert len(versions_of(page)) == 3
    assert versions_of(page)[-1].revision.comment.startswith("Restored the version of")
    # Published again, readers see the restored words.
    change = f"/admin/articles/page/{page.pk}/change/"
    editor_client.post(change, page_form(page, status="published"))
    assert "every morning" in Client().get("/about/").content.decode()


def test_writers_look_but_restore_only_their_own_unpublished_pages(
    editor_client, writer_client, writer
):
    page = edited_twice(editor_client)
    older = versions_of(page)[0]
    assert writer_client.get(f"/admin/articles/page/{page.pk}/history/").status_code == 200
    url = f"/admin/articles/page/{page.pk}/history/{older.pk}/restore/"
    assert writer_client.post(url).status_code == 403
    page.refresh_from_db()
    assert "evening" in page.body
    with pytest.raises(PermissionDenied):
        page_gate.restore(page, older, writer)
    # Their own draft: theirs to restore.
    writer_client.post(
        "/admin/articles/page/add/",
        {"title": "Masthead", "slug": "masthead", "status": "draft", "footer_position": 0}
        | {"body": "<p>Maya edits.</p>"},
    )
    own = Page.objects.get(slug="masthead")
    writer_client.post(
        f"/admin/articles/page/{own.pk}/change/", page_form(own, body="<p>Sam edits.</p>")
    )
    first = versions_of(own)[0]
    writer_client.post(f"/admin/articles/page/{own.pk}/history/{first.pk}/restore/")
    own.refresh_from_db()
    assert own.body == "<p>Maya edits.</p>"


def test_a_version_of_another_page_is_refused(editor_client, editor):
    page = edited_twice(editor_client)
    other = make_page("Contact", "contact")
    page_gate.save(other, editor)
    with pytest.raises(PermissionDenied, match="another page"):
        page_gate.restore(page, versions_of(other)[0], editor)
    response = editor_client.get(
        f"/admin/articles/page/{page.pk}/history/{versions_of(other)[0].pk}/restore/"
    )
    assert response.status_code == 404


def test_moderators_see_no_page_history(moderator_client, editor_client):
    page = edited_twice(editor_client)
    assert moderator_client.get(f"/admin/articles/page/{page.pk}/history/").status_code in {
        302,
        403,
    }


def test_a_page_body_is_drawn_by_the_articles_renderer(client):
    body = (
        "<p>Our prices.</p><table><tr><th>Size</th><th>Price</th></tr>"
        "<tr><td>Quarter page</td><td>£400</td></tr></table><p>E = MC<sup>2</sup></p>"
    )
    make_page("Advertise", "advertise", body=body)
    article = ArticleFactory(published=True, body=body)
    on_page = soup(client.get("/advertise/")).select_one(".article-body")
    on_article = soup(client.get(article.get_absolute_url())).select_one(".article-body")
    assert on_page.select_one("figure.table table td").get_text() == "Quarter page"
    assert on_page.select_one("sup").get_text() == "2"
    assert str(on_page.select_one("figure.table")) == str(on_article.select_one("figure.table"))
