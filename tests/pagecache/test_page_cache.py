"""The reader page cache: shared pages, nothing personal in them, changes at once."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import likes
from articles.editorial import workflow
from articles.models import Article
from comments import moderation
from comments.models import Comment
from tests.comments.helpers import at_the_form
from tests.helpers.factories import ArticleFactory, SectionFactory, UserFactory

# Changes announce themselves when their transaction commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


def get_counted(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    response.queries = len(queries)
    return response


@pytest.fixture
def world_article():
    return ArticleFactory(
        published=True, headline="Cached story", section=SectionFactory(slug="world")
    )


def test_second_reader_is_served_from_the_cache(world_article):
    first = get_counted(Client(), world_article.get_absolute_url())
    second = get_counted(Client(), world_article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.queries == 0
    assert second.content == first.content


def test_each_host_has_its_own_cached_page(world_article, settings):
    settings.ALLOWED_HOSTS = ["news.example.com", "www.news.example.com"]
    first = get_counted(Client(), world_article.get_absolute_url(), HTTP_HOST="news.example.com")
    other = get_counted(
        Client(), world_article.get_absolute_url(), HTTP_HOST="www.news.example.com"
    )
    assert first["X-Page-Cache"] == other["X-Page-Cache"] == "miss"
    assert 'href="http://www.news.example.com/' in other.content.decode()
    assert "//news.example.com/" not in other.content.decode().replace("//www.", "")


def test_cached_page_holds_nothing_personal(world_article, client):
    reader = likes.new_reader_id()
    likes.like(world_article, reader)
    comment, _ = moderation.submit(
        article=world_article,
        name="Jane",
        email="jane@example.com",
        text="Mine, waiting",
        ip_address="192.0.2.1",
    )
    assert comment.status == "pending"
    client.cookies["newsroom_reader"] = client.cookies.get("x") or ""
    response = client.get(world_article.get_absolute_url())
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert re.search(r'name="token" value=""', html)
    assert "awaiting moderation" not in html
    assert 'aria-pressed="false"' in html
    assert not response.cookies


def test_reader_endpoint_fills_in_the_personal_parts(world_article):
    browser = Client()
    reader = likes.new_reader_id()
    likes.like(world_article, reader)
    # The reader's cookies, as the like and comment views set them.
    response = browser.post(f"/like/{world_article.pk}/", {"action": "like"})
    data = browser.post(
        f"/comments/post/{world_article.pk}/",
        {"name": "Jane", "email": "jane@example.com", "text": "Mine, waiting"},
    )
    # No token (no JavaScript): the form again, to confirm; nothing stored.
    data = at_the_form(browser, data, world_article)
    token = re.search(r'name="token" value="([^"]+)"', data.content.decode()).group(1)
    browser.post(
        f"/comments/post/{world_article.pk}/",
        {"name": "Jane", "email": "jane@example.com", "text": "Mine, waiting", "token": token},
    )
    state = browser.get(f"/reader/{world_article.pk}/")
    assert "no-store" in state["Cache-Control"]
    body = state.json()
    assert body["csrf"]
    assert body["comment_token"]
    assert body["liked"] is True
    assert body["likes"] == 2
    assert "Mine, waiting" in body["pending_comments"][0]["html"]
    assert "awaiting moderation" in body["pending_comments"][0]["html"]
    assert response.status_code == 302
    other = Client().get(f"/reader/{world_article.pk}/").json()
    assert other["liked"] is False
    assert other["pending_comments"] == []


def test_changes_show_at_once(world_article):
    url = world_article.get_absolute_url()
    get_counted(Client(), url)
    assert get_counted(Client(), url)["X-Page-Cache"] == "hit"
    # Editing.
    world_article = Article.objects.get(pk=world_article.pk)
    world_article.headline = "Edited headline"
    world_article.save()
    assert "Edited headline" in Client().get(url).content.decode()
    # A like.
    likes.like(world_article, likes.new_reader_id())
    assert "1 reader likes this" in Client().get(url).content.decode()
    # An approved comment.
    comment, _ = moderation.submit(
        article=world_article,
        name="Jo",
        email="jo@example.com",
        text="Approved words",
        ip_address="192.0.2.9",
    )
    assert "Approved words" not in Client().get(url).content.decode()
    moderation.approve(comment)
    assert "Approved words" in Client().get(url).content.decode()
    # Publishing another article, then unpublishing this one.
    get_counted(Client(), "/")
    fresh = ArticleFactory(section=world_article.section, headline="Brand new story")
    workflow.publish(fresh, UserFactory(is_staff=True, groups=["Editors"]))
    assert "Brand new story" in Client().get("/").content.decode()
    workflow.unpublish(world_article, UserFactory(is_staff=True, groups=["Editors"]))
    assert Client().get(url).status_code == 404


def test_a_scheduled_time_passing_shows_at_once(world_article, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=start + timedelta(minutes=5),
        headline="Embargoed until five past",
        section=world_article.section,
    )
    assert "Embargoed until five past" not in Client().get("/").content.decode()
    assert get_counted(Client(), "/")["X-Page-Cache"] == "hit"
    time_machine.move_to(start + timedelta(minutes=5, seconds=1), tick=False)
    assert "Embargoed until five past" in Client().get("/").content.decode()


def test_staff_and_logged_in_readers_are_never_served_cached_pages(world_article, editor_client):
    get_counted(Client(), world_article.get_absolute_url())
    response = get_counted(editor_client, world_article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert response.queries > 0


def test_http_caching_headers_and_304(world_article):
    response = Client().get(world_article.get_absolute_url())
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=0" in cache_control  # browsers revalidate (304) every time
    assert "s-maxage=30" in cache_control  # a CDN may keep it for 30 s
    assert "stale-while-revalidate=300" in cache_control
    assert response["ETag"]
    assert response["Last-Modified"]
    again = Client().get(world_article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_form_error_pages_are_private_and_never_cached(world_article):
    browser = Client()
    state = browser.get(f"/reader/{world_article.pk}/").json()
    response = browser.post(
        f"/comments/post/{world_article.pk}/",
        {"name": "", "email": "bad", "text": "Only mine", "token": state["comment_token"]},
    )
    response = at_the_form(browser, response, world_article)
    assert "Only mine" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    page = Client().get(world_article.get_absolute_url()).content.decode()
    assert "Only mine" not in page
    assert "Enter a valid email address." not in page
    # Shown once: the session is emptied and its cookie goes, so the reader's next
    # view is the shared page again.
    assert response.cookies["sessionid"]["max-age"] == 0
    del browser.cookies["sessionid"]  # as a browser drops an expired cookie
    again = browser.get(world_article.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert "Only mine" not in again.content.decode()


def test_a_reader_with_a_message_gets_a_fresh_page(world_article):
    browser = Client()
    Client().get(world_article.get_absolute_url())
    browser.post(f"/like/{world_article.pk}/", {"action": "like"})
    response = browser.get(world_article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "You like this article." in response.content.decode()


def test_drafts_are_never_cached(editor_client):
    draft = ArticleFactory()
    editor_client.get(draft.get_absolute_url())
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_comment_posted_without_javascript_asks_to_confirm_and_keeps_the_text(world_article):
    browser = Client(enforce_csrf_checks=True)
    browser.get(world_article.get_absolute_url())
    response = browser.post(
        f"/comments/post/{world_article.pk}/",
        {"name": "Jane", "email": "jane@example.com", "text": "Typed without JavaScript"},
    )
    html = at_the_form(browser, response, world_article).content.decode()
    assert "press “Post Comment” to send it" in html
    assert "Typed without JavaScript" in html
    assert not Comment.objects.exists()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = browser.post(
        f"/comments/post/{world_article.pk}/",
        {
            "name": "Jane",
            "email": "jane@example.com",
            "text": "Typed without JavaScript",
            "csrfmiddlewaretoken": csrf,
            "token": token,
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().text == "Typed without JavaScript"


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/section/world/rss/",
        "/sitemap.xml",
        "/sitemaps/articles.xml",
        "/news-sitemap.xml",
    ],
)
def test_feeds_and_sitemaps_are_cached_and_change_at_once(world_article, url):
    first = get_counted(Client(), url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = get_counted(Client(), url)
    assert second["X-Page-Cache"] == "hit"
    assert second.queries == 0
    assert second["Content-Type"] == first["Content-Type"]
    added = ArticleFactory(
        published=True, headline="Breaking addition", section=world_article.section
    )
    fresh = get_counted(Client(), url)
    assert fresh["X-Page-Cache"] == "miss"
    if url != "/sitemap.xml":  # the index lists sitemaps, not articles
        assert added.get_absolute_url() in fresh.content.decode()
