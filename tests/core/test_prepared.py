"""Prepared queries (core/prepared.py): compiled once, run with each use's values,
giving what the ORM gives; refused when a value is not a plain parameter."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.prepared import Prepared
from tests.helpers.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def by_section_and_slug(section_id, slug):
    return (
        Article.objects.select_related("section")
        .prefetch_related("tags")
        .filter(section_id=section_id, slug=slug)
    )


def test_each_use_runs_the_same_sql_with_its_own_values():
    world, sport = SectionFactory(slug="world"), SectionFactory(slug="sport")
    flood = ArticleFactory(section=world, slug="flood", tags=["Weather"])
    final = ArticleFactory(section=sport, slug="final")
    prepared = Prepared(by_section_and_slug, int, str)

    with CaptureQueriesContext(connection) as first:
        found = prepared(world.pk, "flood")
    assert found == [flood]
    assert found[0].section == world  # selected with it
    assert [tag.name for tag in found[0].tags.all()] == ["Weather"]  # prefetched
    assert len(first) == 2

    with CaptureQueriesContext(connection) as second:
        assert prepared(sport.pk, "final") == [final]
    assert second[0]["sql"].split("WHERE")[0] == first[0]["sql"].split("WHERE")[0]
    assert prepared(sport.pk, "flood") == []
    assert prepared(world.pk, "flood' OR '1'='1") == []  # a value, never SQL


def test_a_value_the_query_does_not_carry_as_a_parameter_is_refused():
    # `contains` sends "%flood%": the value itself is not a parameter.
    hidden = Prepared(lambda word: Article.objects.filter(headline__contains=word), str)
    with pytest.raises(ValueError, match="must use each value as a parameter"):
        hidden("flood")
    one = Prepared(lambda slug: Article.objects.filter(slug=slug), str)
    with pytest.raises(TypeError, match="Expected 1 values"):
        one("flood", "again")


def test_times_reach_the_database_in_its_own_form_wherever_they_are_used():
    now = timezone.now()
    ArticleFactory(slug="out", published=True, published_at=now - timedelta(hours=2))
    ArticleFactory(slug="soon", published=True, published_at=now + timedelta(hours=2))
    # `published` uses its time twice (publish and unpublish times).
    public = Prepared(lambda at: Article.objects.published(now=at).order_by("slug"), datetime)
    assert [a.slug for a in public(now)] == ["out"]
    assert [a.slug for a in public(now + timedelta(hours=3))] == ["out", "soon"]


def test_rows_are_converted_on_every_use_and_for_every_shape_of_row():
    when = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    ArticleFactory(slug="out", published=True, published_at=when)
    rows = Prepared(
        lambda slug: Article.objects.filter(slug=slug).values("published_at", "like_count"), str
    )
    times = Prepared(lambda s: Article.objects.filter(slug=s).values_list("published_at"), str)
    for _ in range(2):  # the converters worked out on the first use serve the second
        assert rows("out") == [{"published_at": when, "like_count": 0}]
        assert times("out") == [(when,)]
        assert Prepared(by_section_and_slug, int, str)(0, "out") == []


@pytest.mark.django_db(transaction=True)
def test_what_it_compiled_is_forgotten_when_the_database_is_flushed():
    # The tags' content type is in the compiled SQL; a flush makes it anew.
    world = SectionFactory(slug="world")
    ArticleFactory(section=world, slug="flood", tags=["Weather"])
    tagged = Prepared(
        lambda name: Article.objects.filter(tags__name=name).values_list("slug", flat=True), str
    )
    assert tagged("Weather") == ["flood"]
    call_command("flush", interactive=False, verbosity=0)
    world = SectionFactory(slug="world")
    ArticleFactory(section=world, slug="storm", tags=["Weather"])
    assert tagged("Weather") == ["storm"]
