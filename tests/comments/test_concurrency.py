"""200 comment posts from 20 concurrent clients against gunicorn on PostgreSQL:
every acknowledged post is stored exactly once, none is lost, none is doubled."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comments.models import Comment
from tests.helpers.factories import ArticleFactory
from tests.helpers.readers import fetch_form, send
from tests.helpers.realserver import gunicorn_server

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 20
POSTS_PER_CLIENT = 10


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
