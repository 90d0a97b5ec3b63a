"""Each process keeps the pages it served last, checked against the shared
cache's version of each on every hit (pagecache/entries.py)."""

import pytest
from django.core.cache import cache

from articles.models import Article
from pagecache import addresses, entries, keys, schedule
from tests.helpers.cache_reads import CacheReads
from tests.helpers.factories import ArticleFactory, SectionFactory

from .conftest import fetch

# Purges take effect on commit: outside a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    return ArticleFactory(published=True, headline="Kept story", section=SectionFactory())


@pytest.fixture
def served(article):
    """The article's address, its page drawn and kept by this process."""
    url = article.get_absolute_url()
    fetch(url)
    return url


def key_of(url):
    return addresses.cache_key(f"http://testserver{url}")


def test_a_hit_reads_the_pages_version_not_the_page(served, monkeypatch):
    reads = CacheReads(monkeypatch)
    response = fetch(served)
    assert response["X-Page-Cache"] == "hit"
    assert "Kept story" in response.content.decode()
    assert entries.version_key(key_of(served)) in reads.keys
    assert key_of(served) not in reads.keys
    # When the schedule last changed is read again only after a purge.
    assert not set(schedule.WATCHED) & set(reads.keys)


def test_a_change_of_schedule_is_read_after_its_purge(served, monkeypatch):
    keys.purge_now({schedule.RESCHEDULE})
    reads = CacheReads(monkeypatch)
    fetch(served)
    assert set(schedule.WATCHED) <= set(reads.keys)


def test_a_page_another_process_drew_again_is_served_here(served):
    # Another server process draws the page again: a new page, a new version.
    key = key_of(served)
    *drawing, content, policy = cache.get(key)
    redrawn = content.replace(b"Kept story", b"Drawn elsewhere")
    cache.set(key, (*drawing, redrawn, policy), 60)
    cache.set(entries.version_key(key), "another process", 60)
    response = fetch(served)
    assert response["X-Page-Cache"] == "hit"
    assert "Drawn elsewhere" in response.content.decode()


def test_a_process_never_outlives_the_shared_cache(article, served):
    cache.clear()  # or the page was evicted
    Article.objects.filter(pk=article.pk).update(headline="Changed behind the cache")
    response = fetch(served)
    assert response["X-Page-Cache"] == "miss"
    assert "Changed behind the cache" in response.content.decode()


def test_a_page_gone_is_gone_in_every_process(article, served):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    # Its purge, as an editor's unpublishing sends it.
    keys.purge_now({f"article:{article.pk}"})
    fetch(served, status=404)
    assert cache.get(entries.version_key(key_of(served))) is None
    fetch(served, status=404)
