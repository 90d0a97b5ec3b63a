"""Reader likes: one per browser, taken back at will, with and without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import likes
from articles.models import Article, Like
from tests.helpers.budgets import LISTING_BUDGET
from tests.helpers.factories import ArticleFactory, SectionFactory
from tests.helpers.html import soup, words

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def like_url(article):
    return reverse("articles:like", args=[article.pk])


def reader_of(client):
    """The reader id a client's browser carries, as the site reads it (None: none)."""
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return likes.reader_id(request)


def widget(response):
    """The likes section of an article page."""
    html = response.content.decode()
    match = re.search(r'<section id="likes".*?</section>', html, flags=re.S)
    assert match, "no likes section on the page"
    return match.group(0)


def count_text(response):
    return words(soup(widget(response)).select_one("p.likes-count"))


def stored(article):
    article.refresh_from_db()
    return article.like_count, Like.objects.filter(article=article).count()


def test_reader_likes_and_unlikes_an_article(client, article):
    page = client.get(article.get_absolute_url())
    assert count_text(page) == "Be the first to like this"
    assert 'aria-pressed="false"' in widget(page)
    assert "newsroom_reader" not in page.cookies  # reading the page is not liking it

    response = client.post(like_url(article), {"action": "like"})
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url() + "#likes"
    cookie = response.cookies["newsroom_reader"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert not cookie["secure"]
    assert stored(article) == (1, 1)
    assert Like.objects.get().reader == reader_of(client)

    page = client.get(article.get_absolute_url())
    assert count_text(page) == "1 reader likes this"
    assert 'aria-pressed="true"' in widget(page)
    assert ">Unlike</span>" in widget(page)
    assert 'name="action" value="unlike"' in widget(page)

    response = client.post(like_url(article), {"action": "unlike"})
    assert response.status_code == 302
    assert stored(article) == (0, 0)
    page = client.get(article.get_absolute_url())
    assert count_text(page) == "Be the first to like this"
    assert ">Like</span>" in widget(page)


def test_knowing_the_reader_likes_it_costs_no_query(client, article):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        return len(captured), 'aria-pressed="true"' in widget(response)

    stranger = queries()
    Client().post(like_url(article), {"action": "like"})
    client.post(like_url(article), {"action": "like"})
    reader = queries()
    client.post(like_url(article), {"action": "unlike"})
    former = queries()
    assert stranger[0] == reader[0] == former[0]
    assert (stranger[1], reader[1], former[1]) == (False, True, False)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "Be the first to like this"),
        (1, "1 reader likes this"),
        (5, "5 readers like this"),
        (1234, "1,234 readers like this"),
    ],
)
def test_count_text_is_pluralised(client, count, text):
    article = ArticleFactory(published=True, like_count=count)
    assert count_text(client.get(article.get_absolute_url())) == text


def test_each_reader_counts_once(client, article):
    for _ in range(3):
        client.post(like_url(article), {"action": "like"})
    assert stored(article) == (1, 1)

    Client().post(like_url(article), {"action": "like"})  # another browser
    assert stored(article) == (2, 2)
    assert count_text(client.get(article.get_absolute_url())) == "2 readers like this"


def test_unlike_without_a_like_changes_nothing(client, article):
    Client().post(like_url(article), {"action": "like"})
    client.post(like_url(article), {"action": "like"})
    client.post(like_url(article), {"action": "unlike"})
    client.post(like_url(article), {"action": "unlike"})
    assert stored(article) == (1, 1)
    Client().post(like_url(article), {"action": "unlike"})  # never liked anything
    assert stored(article) == (1, 1)


def test_workflow_functions_report_what_changed(article):
    assert likes.like(article, "reader-a") is True
    assert likes.like(article, "reader-a") is False
    assert likes.like(article, "reader-b") is True
    assert article.like_count == 2
    other = ArticleFactory(published=True)
    assert likes.like(other, "reader-a") is True
    assert likes.unlike(article, "reader-a") is True
    assert likes.unlike(article, "reader-a") is False
    assert article.like_count == 1
    assert stored(article) == (1, 1)
    assert stored(other) == (1, 1)

    def liked(reader):
        readers_likes = Article.objects.annotate(liked=likes.liked_by(reader))
        return dict(readers_likes.values_list("pk", "liked"))

    assert liked("reader-a") == {article.pk: False, other.pk: True}
    assert liked("reader-b") == {article.pk: True, other.pk: False}
    assert liked(None) == {article.pk: False, other.pk: False}


@pytest.mark.parametrize(
    "make",
    [
        lambda: ArticleFactory(),
        lambda: ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
        ),
    ],
    ids=["draft", "scheduled"],
)
def test_only_public_articles_can_be_liked(client, make):
    article = make()
    assert client.post(like_url(article), {"action": "like"}).status_code == 404
    assert client.post(like_url(article), {"action": "like"}, **JSON).status_code == 404
    assert stored(article) == (0, 0)
    assert client.post("/like/999999/", {"action": "like"}).status_code == 404


def test_preview_of_a_draft_shows_a_disabled_button(editor_client):
    draft = ArticleFactory()
    section = widget(editor_client.get(draft.get_absolute_url()))
    assert " disabled " in section
    assert "Be the first to like this" in section


def test_liking_needs_a_post(client, article):
    # A GET (a reload after liking, a shared link) leads to the button, liking nothing.
    for response in (
        client.get(like_url(article)),
        client.get(like_url(article), {"action": "like"}),
    ):
        assert response.status_code == 303
        assert response["Location"] == f"{article.get_absolute_url()}#likes"
    assert client.put(like_url(article)).status_code == 405
    assert stored(article) == (0, 0)


def test_liking_without_the_csrf_token_asks_to_confirm(article):
    """A shared cached page has no token until its script runs: a plain post gets a
    confirmation page and changes nothing; a forged post changes nothing either."""
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(like_url(article), {"action": "like"})
    assert response.status_code == 200
    assert "Like this article?" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert stored(article) == (0, 0)
    assert (
        browser.post(like_url(article), {"action": "like"}, HTTP_ACCEPT="application/json")
    ).status_code == 403
    assert stored(article) == (0, 0)

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    response = browser.post(
        like_url(article), {"action": "like", "csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert stored(article) == (1, 1)


def test_an_unknown_action_is_refused(client, article):
    assert client.post(like_url(article), {"action": "love"}).status_code == 400
    assert client.post(like_url(article)).status_code == 400
    assert stored(article) == (0, 0)


def test_without_javascript_the_reader_comes_back_to_a_message(client, article):
    response = client.post(like_url(article), {"action": "like"}, follow=True)
    assert response.redirect_chain == [(article.get_absolute_url() + "#likes", 302)]
    html = response.content.decode()
    assert "You like this article." in html
    assert count_text(response) == "1 reader likes this"

    response = client.post(like_url(article), {"action": "unlike"}, follow=True)
    assert "You no longer like this article." in response.content.decode()
    assert count_text(response) == "Be the first to like this"


def test_with_javascript_the_answer_is_json(client, article):
    Client().post(like_url(article), {"action": "like"})
    response = client.post(like_url(article), {"action": "like"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "count": 2, "label": "2 readers like this"}
    assert "newsroom_reader" in response.cookies

    response = client.post(
        like_url(article), {"action": "unlike"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.json() == {"liked": False, "count": 1, "label": "1 reader likes this"}
    # No message waits for the next page: the script already showed the change.
    assert "You like this article." not in client.get(article.get_absolute_url()).content.decode()


def test_a_browsers_own_accept_header_gets_the_redirect(client, article):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.post(like_url(article), {"action": "like"}, HTTP_ACCEPT=accept)
    assert response.status_code == 302


def test_a_tampered_cookie_gets_a_new_reader_id(client, article):
    client.post(like_url(article), {"action": "like"})
    honest = reader_of(client)
    signed = client.cookies["newsroom_reader"].value
    assert signed.startswith(honest + ":")

    # Another reader's id with a made-up signature, and a value signed for
    # something else: neither is believed.
    forger = Client()
    forger.cookies["newsroom_reader"] = honest + ":forged-signature"
    assert reader_of(forger) is None
    response = forger.post(like_url(article), {"action": "unlike"})
    assert stored(article) == (1, 1)  # the honest reader's like stands
    assert response.cookies["newsroom_reader"].value != signed
    new = reader_of(forger)
    assert new is not None
    assert new != honest
    forger.post(like_url(article), {"action": "like"})
    assert stored(article) == (2, 2)
    assert set(Like.objects.values_list("reader", flat=True)) == {honest, new}

    wrong_salt = Client()
    wrong_salt.cookies["newsroom_reader"] = signed.replace(honest, "someone-else", 1)
    assert reader_of(wrong_salt) is None


def test_the_cookie_is_secure_over_https(client, article):
    response = client.post(like_url(article), {"action": "like"}, secure=True)
    assert response.cookies["newsroom_reader"]["secure"] is True


def test_like_is_a_reserved_first_path_segment():
    with pytest.raises(ValidationError):
        SectionFactory.build(slug="like").full_clean()


def test_cards_show_like_counts_without_extra_queries(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 12
    section = SectionFactory(slug="world")
    articles = [ArticleFactory(published=True, section=section) for _ in range(6)]

    def listing():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/section/world/")
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    html, without_likes = listing()
    assert soup(html).select(".card-likes") == []  # no "♥ 0"

    for count, article in enumerate(articles, start=1):
        Article.objects.filter(pk=article.pk).update(like_count=count)
    html, with_likes = listing()
    assert with_likes == without_likes <= LISTING_BUDGET
    counts = {words(count): count for count in soup(html).select(".card-likes")}
    assert len(counts) == 6
    for shown, spoken in (("♥ 1 like", " like"), ("♥ 6 likes", " likes")):
        assert counts[shown].select_one('[aria-hidden="true"]').get_text() == "♥"
        assert counts[shown].select_one(".visually-hidden").get_text() == spoken


def test_admin_lists_like_counts(editor_client):
    ArticleFactory(published=True, like_count=42)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert soup(html).select("th.column-like_count")
    assert "42" in [cell.decode_contents() for cell in soup(html).select("td.field-like_count")]
