"""200 comment posts from 20 concurrent clients against gunicorn on PostgreSQL:
every acknowledged post is stored exactly once, none is lost, none is doubled."""

import http.client
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection

from comments.models import Comment

from .factories import ArticleFactory
from .realserver import gunicorn_server

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 20
POSTS_PER_CLIENT = 10
TIMEOUT = 20


def request(base, method, path, *, headers=None, body=None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode(errors="replace")
    finally:
        conn.close()


def fetch_form(base, path, ip):
    """What a reader's browser does: load the (cached, shared) article page, then
    ask the uncached reader endpoint for its CSRF and form tokens, as its script does."""
    status, _, html = request(base, "GET", path, headers={"X-Forwarded-For": ip})
    assert status == 200, status
    reader_url = re.search(r'data-reader-url="([^"]+)"', html).group(1)
    status, headers, body = request(base, "GET", reader_url, headers={"X-Forwarded-For": ip})
    assert status == 200, status
    cookie = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookie.load(value)
    state = json.loads(body)
    return {
        "csrf_cookie": cookie["csrftoken"].value,
        "csrf_form": state["csrf"],
        "token": state["comment_token"],
    }


def send(base, action, form, text, email, ip):
    body = urlencode(
        {
            "csrfmiddlewaretoken": form["csrf_form"],
            "token": form["token"],
            "name": "Reader",
            "email": email,
            "website": "",
            "text": text,
            "parent": "",
            "homepage": "",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={form['csrf_cookie']}",
        "X-Forwarded-For": ip,
        "Origin": base,
        "Referer": base + "/",
    }
    try:
        status, _, _ = request(base, "POST", action, headers=headers, body=body)
    except OSError:
        return None  # not acknowledged
    return status


def test_concurrent_comment_posts_are_stored_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and a real server: run with DATABASE_URL=postgres://…")
    article = ArticleFactory(published=True)
    path = article.get_absolute_url()
    action = f"/comments/post/{article.pk}/"
    total = CLIENTS * POSTS_PER_CLIENT
    with gunicorn_server(tmp_path) as base:
        ips = [f"10.{n // 250}.{n % 250}.{1 + n % 200}" for n in range(total)]
        with ThreadPoolExecutor(CLIENTS) as pool:
            forms = list(pool.map(lambda ip: fetch_form(base, path, ip), ips))
        time.sleep(3.2)  # the form's minimum age: faster is a bot

        def client(number):
            results = []
            for i in range(POSTS_PER_CLIENT):
                n = number * POSTS_PER_CLIENT + i
                text = f"Comment {n} from client {number}"
                status = send(base, action, forms[n], text, f"reader{n}@example.com", ips[n])
                results.append((text, status))
                if i == 0:  # a double submit of the same form: stored once
                    again = send(base, action, forms[n], text, f"reader{n}@example.com", ips[n])
                    results.append((text, again))
            return results

        deadline = time.monotonic() + 120
        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = [r for batch in pool.map(client, range(CLIENTS)) for r in batch]
        assert time.monotonic() < deadline

    statuses = [status for _, status in outcomes]
    assert None not in statuses, "a request was not answered"
    assert not [s for s in statuses if s >= 500], "server errors"
    acknowledged = {text for text, status in outcomes if status == 302}
    assert len(acknowledged) == total
    stored = list(Comment.objects.filter(article=article).values_list("text", flat=True))
    assert len(stored) == len(set(stored)), "a comment was stored twice"
    assert set(stored) == acknowledged, "an acknowledged comment was lost"
