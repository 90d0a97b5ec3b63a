"""PostgreSQL goes away while readers read and commenters post, then comes back.

The shared PostgreSQL is never stopped: gunicorn reaches it through a small TCP
proxy in this test, and cutting the proxy (listener and every connection) is
the outage. Every answer must come within 5 seconds as the branded 503 page
(no traceback, no hang), /healthz must say 503, no comment may be acknowledged
unless it was stored, and the site must be back by itself within 10 seconds
of the database.
"""

import contextlib
import http.client
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.db import connection

from comments.models import Comment
from tests.helpers.factories import ArticleFactory
from tests.helpers.readers import fetch_form, send
from tests.helpers.realserver import free_port, gunicorn_server, served_database_url

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER_WITHIN = 5  # seconds, for every request during the outage
RECOVER_WITHIN = 10  # seconds after the database is reachable again
OUTAGE = 8  # seconds the proxy stays cut


class TcpProxy:
    """127.0.0.1:port → PostgreSQL, with a switch."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.lock = threading.Lock()
        self.sockets = set()
        self.listener = None

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        """The database is gone: nobody can connect, every open connection drops."""
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def get(base, path, ip):
    parts = urlsplit(base)
    started = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=ANSWER_WITHIN + 5)
    try:
        conn.request("GET", path, headers={"X-Forwarded-For": ip})
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, body, time.monotonic() - started, response.getheader("Retry-After")
    except OSError as error:
        return None, repr(error), time.monotonic() - started, None
    finally:
        conn.close()


def assert_branded_503(status, body, elapsed, retry_after, what):
    assert elapsed < ANSWER_WITHIN, f"{what}: answered after {elapsed:.1f} s"
    assert status == 503, f"{what}: {status} {body[:300]}"
    assert "back in a moment" in body.lower() or '"database": "down"' in body, body[:300]
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert retry_after or '"database"' in body


def test_database_outage_gets_503_and_recovers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://…): the outage is of a real "
            "database server, reached by gunicorn through a proxy"
        )
    article = ArticleFactory(published=True, headline="Storm closes the harbour")
    path = article.get_absolute_url()
    action = f"/comments/post/{article.pk}/"
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    proxy.start()
    url = served_database_url().replace(
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/", f"@127.0.0.1:{proxy.port}/"
    )
    assert str(proxy.port) in url
    env = {
        "NEWSROOM_COMMENTS_MIN_SECONDS": "0",
        "DATABASE_POOL_MAX_SIZE": "4",
        "DATABASE_POOL_TIMEOUT": "3",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    with gunicorn_server(tmp_path, workers=2, threads=8, database_url=url, extra_env=env) as base:
        # Healthy: pages, health, a comment.
        assert get(base, path, "10.5.0.1")[0] == 200
        assert get(base, "/healthz", "10.5.0.1")[0] == 200
        forms = [fetch_form(base, path, f"10.6.0.{n}") for n in range(1, 40)]
        assert send(base, action, forms[0], "Before the storm", "a0@example.com", "10.6.0.1") == 302

        proxy.cut()
        cut_at = time.monotonic()
        outcomes = []  # (kind, status, body, elapsed, retry_after, text)

        def reader(n):
            while time.monotonic() - cut_at < OUTAGE:
                ip = f"10.7.{n}.{int(time.monotonic() * 10) % 250}"
                # A search nobody made before, so never in the page cache (which
                # answers without the database, and ignores parameters a page
                # does not read, so `?r=…` on the article would be a cache hit).
                query = f"harbour{n}x{int(time.monotonic() * 1000)}"
                status, body, elapsed, retry = get(base, f"/search/?q={query}", ip)
                outcomes.append(("page", status, body, elapsed, retry, None))

        def commenter(n):
            while time.monotonic() - cut_at < OUTAGE and n < len(forms):
                text = f"During the storm {n}"
                started = time.monotonic()
                status = send(base, action, forms[n], text, f"a{n}@example.com", f"10.6.0.{n + 1}")
                outcomes.append(("comment", status, "", time.monotonic() - started, None, text))
                n += 4

        def health():
            while time.monotonic() - cut_at < OUTAGE:
                outcomes.append(("health", *get(base, "/healthz", "10.5.0.9"), None))

        with ThreadPoolExecutor(8) as pool:
            jobs = [pool.submit(reader, n) for n in range(3)]
            jobs += [pool.submit(commenter, n) for n in range(1, 5)]
            jobs.append(pool.submit(health))
            for job in jobs:
                job.result()

        proxy.start()  # the database is back
        back_at = time.monotonic()
        recovered = None
        while time.monotonic() - back_at < RECOVER_WITHIN + 5:
            page, health_status = (
                get(base, f"{path}?after", "10.5.0.2")[0],
                get(base, "/healthz", "10.5.0.2")[0],
            )
            if page == 200 and health_status == 200:
                recovered = time.monotonic() - back_at
                break
            time.sleep(0.25)
        after = send(base, action, forms[-1], "After the storm", "z@example.com", "10.6.0.250")
    proxy.cut()

    pages = [o for o in outcomes if o[0] == "page"]
    comments = [o for o in outcomes if o[0] == "comment"]
    checks = [o for o in outcomes if o[0] == "health"]
    assert len(pages) >= 6
    assert comments
    assert checks
    for kind, status, body, elapsed, retry, _ in pages + checks:
        assert_branded_503(status, body, elapsed, retry, kind)
    for _, status, _, elapsed, _, text in comments:
        assert elapsed < ANSWER_WITHIN, f"comment answered after {elapsed:.1f} s"
        assert status == 503, (text, status)

    assert recovered is not None, f"not back {RECOVER_WITHIN + 5} s after the database"
    assert recovered < RECOVER_WITHIN, f"back only after {recovered:.1f} s"
    assert after == 302

    stored = set(Comment.objects.filter(article=article).values_list("text", flat=True))
    acknowledged = {text for _, status, _, _, _, text in comments if status == 302}
    acknowledged |= {"Before the storm", "After the storm"}
    assert acknowledged <= stored, "a comment was acknowledged but not stored"
    assert stored == {"Before the storm", "After the storm"}
