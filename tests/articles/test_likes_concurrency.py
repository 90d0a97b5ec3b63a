"""Likes under load: hundreds of readers at once against a real gunicorn server
(several workers and threads) on PostgreSQL. The counter must match the rows
exactly, and a reader who keeps clicking still counts once."""

import http.client
import ipaddress
import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Like
from tests.helpers.realserver import gunicorn_server

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 500
THREADS = 32
REQUEST_TIMEOUT = 15  # seconds, for each request
ROUND_TIMEOUT = 45  # seconds, for each round of READERS requests
FIRST_ADDRESS = ipaddress.ip_address("10.0.0.1")


class Browser:
    """One reader's browser: its own cookies and its own client address (sent as
    X-Forwarded-For, which the server believes from 127.0.0.1)."""

    def __init__(self, base_url, address, cookies=None):
        url = urlsplit(base_url)
        self.host, self.port = url.hostname, url.port
        self.address = str(address)
        self.cookies = dict(cookies or {})
        self.csrf_token = None

    def request(self, method, path, form=None, headers=None):
        headers = {"X-Forwarded-For": self.address, **(headers or {})}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        server = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            server.request(method, path, body=body, headers=headers)
            response = server.getresponse()
            content = response.read().decode()
        finally:
            server.close()
        for header in response.headers.get_all("Set-Cookie", []):
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response, content

    def open_article(self, path):
        """Load the (cached, shared) page, then what its script asks for: this
        reader's CSRF token from the uncached reader endpoint."""
        response, html = self.request("GET", path)
        assert response.status == 200, (response.status, html[:500])
        reader_url = re.search(r'data-reader-url="([^"]+)"', html).group(1)
        response, content = self.request("GET", reader_url, headers={"Accept": "application/json"})
        assert response.status == 200, (response.status, content[:500])
        self.csrf_token = json.loads(content)["csrf"]

    def like(self, path, *, with_javascript):
        """Press Like: the script's JSON post, or the plain form's (redirected back)."""
        form = {"action": "like", "csrfmiddlewaretoken": self.csrf_token}
        headers = {"Accept": "application/json"} if with_javascript else {}
        response, content = self.request("POST", path, form, headers)
        if with_javascript and response.status == 200:
            return response.status, json.loads(content)["liked"]
        if response.status == 302:
            return response.status, response.getheader("Location", "").endswith("#likes")
        return response.status, content[:300]


def answered(task):
    """Run one reader's task; a request that got no answer is a result too."""
    try:
        return task()
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        return "no answer", repr(error)


def run_concurrently(tasks):
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(answered, tasks, timeout=ROUND_TIMEOUT))


def assert_all_acknowledged(results):
    statuses = Counter(status for status, _ in results)
    failures = [result for result in results if not (200 <= result[0] < 400 and result[1] is True)]
    assert not failures, f"{len(failures)} of {len(results)} failed: {statuses}; {failures[:5]}"


@pytest.fixture
def server(article, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://…): the real server cannot reach "
            f"the tests' in-memory {connection.vendor} database"
        )
    with gunicorn_server(tmp_path) as base_url:
        yield base_url


def test_hundreds_of_readers_like_at_once(server, article):
    article_path = article.get_absolute_url()
    like_path = reverse("articles:like", args=[article.pk])

    # 500 fresh readers: each opens the article (CSRF cookie and form token),
    # then presses Like, half of them with the script and half without.
    readers = [Browser(server, FIRST_ADDRESS + n) for n in range(READERS)]

    def visit_and_like(n):
        reader = readers[n]
        reader.open_article(article_path)
        return reader.like(like_path, with_javascript=n % 2 == 0)

    results = run_concurrently([lambda n=n: visit_and_like(n) for n in range(READERS)])
    assert_all_acknowledged(results)
    article.refresh_from_db()
    assert article.like_count == READERS
    assert Like.objects.filter(article=article).count() == READERS
    assert len({reader.cookies["newsroom_reader"] for reader in readers}) == READERS

    # One more reader clicks Like 500 times at once (the same cookies, many
    # addresses): one like, counted once.
    keen = Browser(server, FIRST_ADDRESS + READERS)
    keen.open_article(article_path)
    assert keen.like(like_path, with_javascript=True) == (200, True)
    clicks = [
        Browser(server, FIRST_ADDRESS + READERS + n, cookies=keen.cookies) for n in range(READERS)
    ]
    for click in clicks:
        click.csrf_token = keen.csrf_token
    results = run_concurrently(
        [
            lambda click=click, n=n: click.like(like_path, with_javascript=n % 2 == 0)
            for n, click in enumerate(clicks)
        ]
    )
    assert_all_acknowledged(results)
    reader_id = Like.objects.filter(article=article).latest("created_at").reader
    assert keen.cookies["newsroom_reader"].startswith(reader_id + ":")
    assert Like.objects.filter(article=article, reader=reader_id).count() == 1
    article.refresh_from_db()
    assert article.like_count == READERS + 1
    assert Like.objects.filter(article=article).count() == READERS + 1
