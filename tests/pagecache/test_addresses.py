"""Tracking parameters and parameters a page does not read make no new cached
page: 300 links with 300 utm_source values are one page in the cache."""

from html.parser import HTMLParser

import pytest
from django.core.cache import caches
from django.test import Client

from tests.helpers.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def file_cache(settings, tmp_path):
    """The file cache (the default without REDIS_URL), so entries can be counted."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    yield tmp_path / "cache"
    caches["default"].clear()


@pytest.fixture
def article(file_cache):
    return ArticleFactory(
        published=True, headline="Shared widely", section=SectionFactory(slug="world")
    )


def entries(folder):
    return len(list(folder.glob("*.djcache")))


def canonical(response):
    class Finder(HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "link" and attrs.get("rel") == "canonical":
                Finder.found = attrs["href"]

    Finder().feed(response.content.decode())
    return Finder.found


def state(url):
    return Client().get(url)["X-Page-Cache"]


def test_tracking_parameters_make_no_new_page(article, file_cache):
    url = article.get_absolute_url()
    assert state(url) == "miss"
    before = entries(file_cache)
    tracked = [
        f"{url}?utm_source=news{n}&utm_medium=email&utm_campaign=c{n}" for n in range(100)
    ] + [f"{url}?fbclid=IwAR{n}" for n in range(100)] + [
        f"{url}?gclid=Cj{n}&mc_cid={n}&mc_eid={n}" for n in range(100)
    ]  # fmt: skip
    assert {state(address) for address in tracked} == {"hit"}
    assert entries(file_cache) == before
    response = Client().get(f"{url}?utm_source=newsletter&UTM_MEDIUM=x")
    assert canonical(response) == f"http://testserver{url}"


def test_more_tracking_parameters_by_setting(article, settings):
    settings.NEWSROOM_TRACKING_PARAMETERS = ["ref", "igshid"]
    url = article.get_absolute_url()
    state(url)
    assert state(f"{url}?ref=homepage&igshid=abc") == "hit"


def test_parameters_a_page_does_not_read_make_no_new_page(article, file_cache):
    state("/section/world/")
    state(article.get_absolute_url())
    before = entries(file_cache)
    for n in range(50):
        assert state(f"/section/world/?x={n}&sort=new") == "hit"
        assert state(f"{article.get_absolute_url()}?page={n}") == "hit"  # articles have no pages
    assert entries(file_cache) == before


def test_parameters_a_page_reads_are_pages_of_their_own(article, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    ArticleFactory(published=True, headline="Second story", section=article.section)
    first, second = Client().get("/section/world/"), Client().get("/section/world/?page=2")
    assert second["X-Page-Cache"] == "miss"
    assert "Second story" in first.content.decode()
    assert "Shared widely" in second.content.decode()
    assert canonical(second) == "http://testserver/section/world/?page=2"
    # The same page, whatever else the address carries.
    assert state("/section/world/?utm_source=x&page=2&y=1") == "hit"
    # The article's "Reply to" link (?replyto=) is its own page.
    assert state(article.get_absolute_url()) == "miss"
    assert state(f"{article.get_absolute_url()}?replyto=7") == "miss"
