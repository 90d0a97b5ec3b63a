"""No stampede: a stale page is drawn again by one worker while the others serve
the stale copy (for at most NEWSROOM_PAGE_CACHE_STALE_SECONDS), and a page is
never drawn twice at once. Threads stand in for workers; the page's view
(tests/pagecache/urls.py) draws only when the test releases it, so the order of
events is fixed by the test, not by timing."""

import threading

import pytest
from django.core.cache import caches
from django.test import Client

import pagecache
from pagecache import locks, middleware

from .urls import gate

URL = "/slow/"
# Purges take effect on commit: outside a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


REDIS = "redis://127.0.0.1:6379/13"


def redis_or_skip():
    """Redis as CI runs it (.ci/run starts it); skipped elsewhere, never in CI."""
    import os
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("no Redis answering on 127.0.0.1:6379")


@pytest.fixture(params=["memory", "file", "redis"])
def backend(request, settings, tmp_path):
    """The page cache on the in-process cache, on the file cache (the default
    without REDIS_URL, shared by the server's processes) and on Redis."""
    prefix = f"test-pagecache-{tmp_path.name}"
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    elif request.param == "redis":
        redis_or_skip()
        settings.CACHES = {
            "default": {
                "BACKEND": "core.redis_cache.RedisCache",
                "LOCATION": REDIS,
                "KEY_PREFIX": prefix,
            }
        }
    settings.ROOT_URLCONF = "tests.pagecache.urls"
    gate.__init__()
    yield request.param
    gate.release.set()
    if request.param == "redis":
        # Only this test's keys: the server may be shared.
        client = caches["default"]._cache.get_client(write=True)
        for name in client.scan_iter(f"{prefix}:*"):
            client.delete(name)
    else:
        caches["default"].clear()


def in_thread(url=URL):
    """A reader in another worker: returns (thread, result list)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(Client().get(url)))
    thread.start()
    return thread, result


def cached_first_draw():
    gate.release.set()
    first = Client().get(URL)
    assert first["X-Page-Cache"] == "miss"
    assert first.content == b"draw 1, page 1"
    gate.reset()


@pytest.fixture
def waiting(monkeypatch):
    """Set when a reader starts waiting for another's draw."""
    event = threading.Event()
    real_pause = middleware.pause

    def pause():
        event.set()
        real_pause()

    monkeypatch.setattr(middleware, "pause", pause)
    return event


def test_while_one_reader_redraws_a_stale_page_the_others_get_the_stale_copy(backend):
    cached_first_draw()
    pagecache.purge("story:1")
    drawer, drawn = in_thread()
    assert gate.drawing.wait(timeout=30)
    stale = Client().get(URL)
    assert stale["X-Page-Cache"] == "stale"
    assert stale.content == b"draw 1, page 1"
    # A cache in front must not keep it past the redraw.
    assert "s-maxage=0" in stale["Cache-Control"]
    gate.release.set()
    drawer.join()
    assert drawn[0]["X-Page-Cache"] == "miss"
    assert drawn[0].content == b"draw 2, page 1"
    fresh = Client().get(URL)
    assert (fresh["X-Page-Cache"], fresh.content) == ("hit", b"draw 2, page 1")
    assert gate.draws == 2


def test_a_page_nobody_has_drawn_is_drawn_once_however_many_ask(backend, waiting):
    first, first_result = in_thread()
    assert gate.drawing.wait(timeout=30)
    second, second_result = in_thread()
    assert waiting.wait(timeout=30), "the second reader waits for the first one's draw"
    gate.release.set()
    first.join()
    second.join()
    assert gate.draws == 1
    assert first_result[0]["X-Page-Cache"] == "miss"
    assert second_result[0]["X-Page-Cache"] == "hit"
    assert first_result[0].content == second_result[0].content == b"draw 1, page 1"


def test_past_the_stale_limit_readers_wait_for_the_new_page(backend, waiting, settings):
    settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS = 0  # any stale copy is past it
    cached_first_draw()
    pagecache.purge("story:1")
    drawer, _ = in_thread()
    assert gate.drawing.wait(timeout=30)
    reader, read = in_thread()
    assert waiting.wait(timeout=30)
    gate.release.set()
    drawer.join()
    reader.join()
    assert read[0].content == b"draw 2, page 1"
    assert gate.draws == 2


def test_a_purge_of_another_key_leaves_the_page_fresh(backend):
    cached_first_draw()
    pagecache.purge("story:2", "article:1")
    gate.release.set()
    again = Client().get(URL)
    assert (again["X-Page-Cache"], again.content) == ("hit", b"draw 1, page 1")
    assert again["Surrogate-Key"] == "site story:1"


def test_the_file_cache_lock_holds_across_processes(settings, tmp_path):
    """Two server processes share the file cache: while one holds a page's
    lock, another process cannot take it, and can once it is released."""
    import subprocess
    import sys

    location = str(tmp_path / "cache")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        }
    }
    code = (
        "from django.conf import settings;"
        "settings.configure(NEWSROOM_PAGE_CACHE_LOCK_SECONDS=10, CACHES={'default': {"
        "'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache',"
        f"'LOCATION': {location!r}}}}});"
        "from pagecache import locks; lock = locks.acquire('page:x');"
        "print('took it' if lock else 'held elsewhere')"
    )

    def other_process():
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return done.stdout.strip() or done.stderr

    lock = locks.acquire("page:x")
    assert lock is not None
    assert locks.acquire("page:x") is None
    assert other_process() == "held elsewhere"
    lock.release()
    assert other_process() == "took it"
    assert locks.acquire("page:x") is not None


def test_the_file_cache_keeps_a_fixed_number_of_lock_files(settings, tmp_path):
    """However many pages are drawn, the locks beside the file cache are a fixed
    set of slots, not a file per page ever asked for."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    for number in range(3 * locks.FILE_LOCK_SLOTS):
        locks.acquire(f"page:/story-{number}/").release()
    assert len(list((tmp_path / "cache" / "locks").iterdir())) <= locks.FILE_LOCK_SLOTS
