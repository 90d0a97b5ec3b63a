"""Site-wide data is read from the shared cache once per request (core/sitewide.py)."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from articles.models import SectionTree
from core import sitewide
from tests.helpers.cache_reads import CacheReads
from tests.helpers.factories import SectionFactory

pytestmark = pytest.mark.django_db


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return f"value {self.count}"


@contextmanager
def a_request():
    """A request's start and end, as the test client sends them: without
    closing the database connection, which holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def in_request():
    with a_request():
        yield


def test_a_request_reads_the_cache_once(in_request):
    build = Builds()
    assert sitewide.get("k", build, 60) == "value 1"
    cache.set("k", "changed by another process")
    assert sitewide.get("k", build, 60) == "value 1"


def test_the_next_request_sees_another_process_change():
    build = Builds()
    with a_request():
        sitewide.get("k", build, 60)
    cache.set("k", "changed by another process")
    with a_request():
        assert sitewide.get("k", build, 60) == "changed by another process"


def test_a_change_in_the_request_is_seen_in_it(in_request):
    build = Builds()
    sitewide.get("k", build, 60)
    sitewide.forget("k")
    assert sitewide.get("k", build, 60) == "value 2"
    assert cache.get("k") == "value 2"


def test_outside_a_request_every_read_goes_to_the_cache():
    build = Builds()
    sitewide.get("k", build, 60)
    cache.set("k", "changed")
    assert sitewide.get("k", build, 60) == "changed"


def test_a_section_renamed_in_a_request_shows_in_it(in_request, world):
    SectionTree.load()
    world.name = "Planet"
    world.save()
    assert SectionTree.load().by_id[world.pk].name == "Planet"


def test_a_page_view_reads_each_once(client, world, monkeypatch):
    SectionFactory(name="Europe", slug="europe", parent=world)
    client.get("/")  # the site-wide data is in the cache
    reads = CacheReads(monkeypatch)
    assert client.get(world.get_absolute_url()).status_code == 200
    assert reads.keys.count(SectionTree.CACHE_KEY) == 1
