"""What readers see of a new like outside the article: its card's count and the
front page's "Most liked this week" follow at once, through the page cache."""

import pytest
from django.test import Client
from django.test.html import parse_html

from articles import likes
from tests.helpers.factories import ArticleFactory, SectionFactory
from tests.helpers.html import find_all

# Real commits: the page cache purges when a transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


def liked_cards(html):
    return [str(span) for span in find_all(parse_html(html), "span", class_="card-likes")]


def test_cards_and_most_liked_follow_a_like_at_once(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    section = SectionFactory(slug="world")
    article = ArticleFactory(published=True, section=section, headline="A story people love")
    reader = Client()
    for url in ("/", "/section/world/"):
        reader.get(url)
        assert reader.get(url)["X-Page-Cache"] == "hit"
        assert liked_cards(reader.get(url).content.decode()) == []
    assert "Most liked this week" not in reader.get("/").content.decode()

    likes.like(article, likes.new_reader_id())

    for url in ("/", "/section/world/"):
        (card,) = liked_cards(reader.get(url).content.decode())
        assert "1" in card
    home = parse_html(reader.get("/").content.decode())
    (popular,) = find_all(home, "section", class_="popular-list")
    assert "Most liked this week" in str(popular)
    assert "A story people love" in str(popular)
