"""What a post becomes: its status and dates, its standfirst, its slug; values too long
kept whole."""

from datetime import UTC, datetime

import pytest

from articles.models import (
    Article,
)
from tests.helpers.wordpress import (
    imported_article,
)

pytestmark = pytest.mark.django_db


def test_statuses_and_dates(gazette):
    published = imported_article(1)
    assert published.status == Article.Status.PUBLISHED
    assert published.published_at == datetime(2021, 5, 10, 8, 30, tzinfo=UTC)  # post_date_gmt
    assert published.is_public
    assert published.comments_enabled
    assert not imported_article(2).comments_enabled  # comment_status closed
    assert imported_article(2).updated_at == datetime(
        2021, 5, 12, 10, 0, tzinfo=UTC
    )  # post_modified_gmt
    assert published.updated_at is None  # never changed after publication

    draft = imported_article(3)
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    # No GMT date: the local 10:00 read in the newsroom's time zone (BST in July).
    assert draft.created_at == datetime(2021, 7, 1, 9, 0, tzinfo=UTC)

    assert imported_article(4).status == Article.Status.REVIEW

    future = imported_article(5)
    assert future.status == Article.Status.PUBLISHED
    assert future.is_scheduled
    assert future.published_at == datetime(2099, 7, 1, 9, 0, tzinfo=UTC)

    private = imported_article(6)
    assert private.status == Article.Status.UNPUBLISHED
    assert not private.is_public
    protected = imported_article(9)
    assert protected.status == Article.Status.UNPUBLISHED

    titles = set(Article.objects.values_list("headline", flat=True))
    assert "An old story in the bin" not in titles  # trash
    assert "About us" not in titles  # a page
    assert Article.objects.count() == 9
    assert "Password-protected posts" in gazette
    assert "post 9: Members only: the harbour board minutes" in gazette


def test_excerpt_is_the_standfirst_else_the_first_words(gazette):
    assert imported_article(1).standfirst == (
        "The harbour opened again on Monday, three weeks after the storm."
    )
    standfirst = imported_article(3).standfirst
    assert standfirst.startswith("The market has been held on Saturdays since 1823")
    assert standfirst.endswith("…")
    assert len(standfirst.split()) == 56  # WordPress's 55 words, then "…"


def test_too_long_values_are_kept_whole_and_listed(gazette):
    long_one = imported_article(10)
    assert len(long_one.headline) <= 200
    assert long_one.headline.endswith("…")
    assert len(long_one.standfirst) <= 400
    assert long_one.standfirst.endswith("…")
    assert long_one.body.startswith(
        "<p>Harbour reopens: a very long headline that goes on and on about the storm,"
    )
    assert "will make up for the spring</p><p>This excerpt is far longer" in long_one.body
    assert "who is in charge.</p><p>A short body.</p>" in long_one.body
    assert "post 10: title shortened; the full title is the body's first paragraph" in gazette
    assert "post 10: excerpt shortened for the standfirst" in gazette


def test_slugs_stay_unique_per_section_and_collisions_are_listed(gazette):
    assert imported_article(1).slug == "harbour-reopens"
    assert imported_article(10).slug == "harbour-reopens-2"
    assert imported_article(10).section == imported_article(1).section
    assert "post 10: /news/world/europe/harbour-reopens-2/ (harbour-reopens was taken)" in (gazette)
    assert imported_article(11).slug == "cafe-opens"  # WordPress's percent-encoded "café-opens"
