from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
)


@pytest.fixture
def feed_articles(world):
    """A published article with everything feeds, sitemaps and metadata show, beside
    a draft and a scheduled article of the same section, author and tag."""
    europe = SectionFactory(name="Europe", slug="europe", parent=world)
    maya = AuthorFactory(name="Maya Okafor", slug="maya")
    tom = AuthorFactory(name="Tom Lindqvist", slug="tom")
    article = ArticleFactory(
        published=True,
        section=europe,
        headline="Ministers clash over cyber attacks",
        standfirst="A tense news conference in Moscow.",
        body="<p>The whole story, first paragraph.</p>",
        authors=[maya, tom],
        tags=["Russia", "Diplomacy"],
        lead_image=CaptionedImageFactory(alt_text="Two ministers at lecterns"),
    )
    ArticleFactory(headline="Secret draft", section=europe, authors=[maya], tags=["Russia"])
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=1),
        headline="Scheduled story",
        section=europe,
        authors=[maya],
        tags=["Russia"],
    )
    return article
