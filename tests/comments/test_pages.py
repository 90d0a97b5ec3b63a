"""Long comment threads in pages (comments/pages.py), as WordPress pages them:
1,200 comments, a constant page size and a constant number of queries."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.helpers.factories import ArticleFactory
from tests.helpers.html import attr, children, find_all

from .helpers import at_the_form

pytestmark = pytest.mark.django_db

THREADS = 1000  # top-level comments
PER_PAGE = 50
PAGES = THREADS // PER_PAGE


@pytest.fixture(autouse=True)
def _pages(settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = PER_PAGE
    settings.NEWSROOM_COMMENTS_DEFAULT_PAGE = "newest"
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_COMMENTS_POLICY = "approve_all"


def comment(article, n, when, parent=None, status=Comment.Status.APPROVED):
    thread = (parent.thread_id or parent.pk) if parent else None
    return Comment(
        article=article,
        parent=parent,
        thread_id=thread,
        depth=parent.depth + 1 if parent else 1,
        name=f"Reader {n}",
        email=f"r{n}@example.com",
        text=f"Comment number {n}.",
        status=status,
        submitted_at=when,
        fingerprint=f"pages-{article.pk}-{n}",
    )


@pytest.fixture
def long_thread():
    """1,000 threads and 200 replies (1,200 comments): each of the first 100 threads
    has a reply, and a reply to that reply, both written after every thread began."""
    article = ArticleFactory(published=True, headline="Everyone has a view")
    start = timezone.now() - timedelta(days=5)
    firsts = Comment.objects.bulk_create(
        comment(article, n, start + timedelta(minutes=n)) for n in range(THREADS)
    )
    later = start + timedelta(days=2)
    replies = Comment.objects.bulk_create(
        comment(article, 10_000 + n, later + timedelta(minutes=n), parent=firsts[n])
        for n in range(100)
    )
    Comment.objects.bulk_create(
        comment(article, 20_000 + n, later + timedelta(hours=3, minutes=n), parent=replies[n])
        for n in range(100)
    )
    article.comment_count = Comment.objects.filter(article=article).count()
    article.save(update_fields=["comment_count"])
    assert article.comment_count == 1200
    return article, firsts


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse_html(response.content.decode())


def threads_on(tree):
    (listing,) = find_all(tree, "ol", class_="comment-list")
    return [attr(li, "id") for li in children(listing, "li")]


def count_queries(client, url):
    cache.clear()
    client.get(url)  # site-wide data cached, as on a running site
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_every_page_has_the_same_size_and_costs_the_same(client, long_thread):
    article, firsts = long_thread
    url = article.get_absolute_url()
    small = ArticleFactory(published=True)
    Comment.objects.bulk_create(comment(small, n, timezone.now()) for n in range(3))
    baseline = count_queries(client, small.get_absolute_url())
    for number in (1, 2, 10, PAGES - 1):
        tree = page(client, f"{url}?cpage={number}")
        ids = threads_on(tree)
        assert len(ids) == PER_PAGE
        expected = firsts[(number - 1) * PER_PAGE : number * PER_PAGE]
        assert ids == [f"comment-{c.pk}" for c in expected]
        assert count_queries(client, f"{url}?cpage={number}") == baseline
    # The article's own address is the newest page.
    tree = page(client, url)
    assert threads_on(tree) == [f"comment-{c.pk}" for c in firsts[-PER_PAGE:]]
    assert count_queries(client, url) == baseline


def test_replies_stay_with_their_thread(client, long_thread):
    article, firsts = long_thread
    tree = page(client, f"{article.get_absolute_url()}?cpage=1")
    (first,) = find_all(tree, "li", id=f"comment-{firsts[0].pk}")
    reply = Comment.objects.get(parent=firsts[0])
    nested = Comment.objects.get(parent=reply)
    assert find_all(first, "li", id=f"comment-{reply.pk}")
    assert find_all(first, "li", id=f"comment-{nested.pk}")
    # 50 threads and the 50 replies and 50 replies to replies written under them.
    assert len(find_all(tree, "li", class_="comment")) == 150
    assert len(find_all(page(client, article.get_absolute_url()), "li", class_="comment")) == 50


def test_links_between_pages(client, long_thread):
    article, _ = long_thread
    url = article.get_absolute_url()
    tree = page(client, f"{url}?cpage=2")
    (canonical,) = find_all(tree, "link", rel="canonical")
    assert attr(canonical, "href") == f"http://testserver{url}?cpage=2"
    (prev,) = find_all(tree, "link", rel="prev")
    (next_,) = find_all(tree, "link", rel="next")
    assert attr(prev, "href") == f"http://testserver{url}?cpage=1"
    assert attr(next_, "href") == f"http://testserver{url}?cpage=3"
    older = find_all(tree, "a", rel="prev")
    newer = find_all(tree, "a", rel="next")
    assert {attr(a, "href") for a in older} == {f"{url}?cpage=1#comments"}
    assert {attr(a, "href") for a in newer} == {f"{url}?cpage=3#comments"}
    # The newest page is the article's own address: no ?cpage=20 anywhere.
    tree = page(client, f"{url}?cpage={PAGES - 1}")
    assert {attr(a, "href") for a in find_all(tree, "a", rel="next")} == {f"{url}#comments"}
    newest = page(client, url)
    (canonical,) = find_all(newest, "link", rel="canonical")
    assert attr(canonical, "href") == f"http://testserver{url}"
    assert not find_all(newest, "link", rel="next")
    assert not find_all(newest, "a", rel="next")
    # The page's script adds the reader's own new comment awaiting moderation to
    # the newest page only (reader.js).
    (newest_comments,) = find_all(newest, "section", id="comments")
    (older_comments,) = find_all(tree, "section", id="comments")
    assert attr(newest_comments, "data-newest-page") == ""
    assert attr(older_comments, "data-newest-page") is None
    # Reply links stay on their page.
    html = client.get(f"{url}?cpage=2").content.decode()
    assert f'href="{url}?cpage=2&amp;replyto=' in html


@pytest.mark.parametrize("number", ["0", "21", "x", "-1", "1.5"])
def test_pages_that_do_not_exist_are_not_found(client, long_thread, number):
    article, _ = long_thread
    assert client.get(f"{article.get_absolute_url()}?cpage={number}").status_code == 404


def test_oldest_page_first(client, long_thread, settings):
    settings.NEWSROOM_COMMENTS_DEFAULT_PAGE = "oldest"
    article, firsts = long_thread
    url = article.get_absolute_url()
    tree = page(client, url)
    assert threads_on(tree)[0] == f"comment-{firsts[0].pk}"
    assert not find_all(tree, "link", rel="prev")
    assert {attr(a, "href") for a in find_all(tree, "a", rel="next")} == {f"{url}?cpage=2#comments"}


def test_permalinks_find_the_page(client, long_thread):
    article, firsts = long_thread
    url = article.get_absolute_url()
    nested = Comment.objects.get(parent__parent=firsts[60])  # thread on page 2
    response = client.get(f"/comments/{nested.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?cpage=2#comment-{nested.pk}"
    assert f'id="comment-{nested.pk}"' in client.get(f"{url}?cpage=2").content.decode()
    response = client.get(firsts[-1].get_absolute_url())
    assert response["Location"] == f"{url}#comment-{firsts[-1].pk}"
    held = Comment.objects.create(
        article=article,
        name="Held",
        email="held@example.com",
        text="Not yet.",
        status=Comment.Status.PENDING,
        submitted_at=timezone.now(),
    )
    assert client.get(f"/comments/{held.pk}/").status_code == 404
    assert client.get("/comments/999999/").status_code == 404


def test_a_reply_lands_on_its_page(client, long_thread):
    article, firsts = long_thread
    url = article.get_absolute_url()
    html = client.get(f"{url}?cpage=3&replyto={firsts[120].pk}").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = {
        "name": "Jane",
        "email": "jane@example.com",
        "text": "Late to this.",
        "parent": str(firsts[120].pk),
        "token": token,
    }
    response = client.post(f"/comments/post/{article.pk}/", data)
    reply = Comment.objects.get(text="Late to this.")
    assert response["Location"] == f"{url}?cpage=3#comment-{reply.pk}"
    # A refused reply goes back to its form, under the comment, on that page.
    response = client.post(f"/comments/post/{article.pk}/", data | {"email": "not-an-email"})
    form_page = at_the_form(client, response, article, f"?cpage=3&replyto={firsts[120].pk}")
    tree = parse_html(form_page.content.decode())
    (replied,) = find_all(tree, "li", id=f"comment-{firsts[120].pk}")
    assert find_all(replied, "div", id="respond")
    assert "Enter a valid email address." in form_page.content.decode()


def test_pages_are_kept_in_the_page_cache(long_thread, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    article, firsts = long_thread
    url = article.get_absolute_url()
    reader = Client()
    assert reader.get(f"{url}?cpage=3")["X-Page-Cache"] == "miss"
    hit = reader.get(f"{url}?cpage=3")
    assert hit["X-Page-Cache"] == "hit"
    assert threads_on(parse_html(hit.content.decode()))[0] == f"comment-{firsts[100].pk}"
    assert reader.get(f"{url}?cpage=4")["X-Page-Cache"] == "miss"


def test_moderators_follow_the_admin_link_to_any_comment(moderator_client, long_thread):
    article, firsts = long_thread
    held = Comment.objects.create(
        article=article,
        parent=firsts[3],
        name="Held",
        email="held@example.com",
        text="Waiting.",
        status=Comment.Status.PENDING,
        submitted_at=timezone.now(),
    )
    changelist = moderator_client.get("/admin/comments/comment/?status__exact=pending")
    assert f'href="/comments/{held.pk}/"' in changelist.content.decode()
    response = moderator_client.get(f"/comments/{held.pk}/")
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=1#comment-{held.pk}"
