"""
The reader page cache's middleware: answer from the cache, or draw the page once.

A cached page is the same for every reader: it holds no CSRF token, no form
token, no like state and nothing awaiting moderation; the page's script fetches
those from an uncached endpoint (articles:reader). So only requests that could
be answered with such a shared page use the cache: GET or HEAD, not logged in,
carrying no message or session cookie, to a view that opted in with
`pagecache.reader_page`. A response that sets a cookie is never stored,
whatever the view says.

A page is kept with the keys of what it shows (pagecache/keys.py) and is fresh
until one of them is purged or its time is up. Each process also keeps the pages
it served last, checked against the shared cache's version on every hit
(pagecache/entries.py). A stale page is drawn again by
one worker of the whole process group (a lock in the shared cache,
pagecache/locks.py); meanwhile other readers get the stale copy, for at most
NEWSROOM_PAGE_CACHE_STALE_SECONDS after it went stale, after which they wait
for the fresh one rather than draw it too. A page nobody has drawn yet is
waited for the same way. So a breaking story costs each page one render, not
one per reader.
"""

import hashlib
import time
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from . import addresses, entries, keys, locks, schedule
from .decorators import private

BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
CHECKED_PREFIX = "page:checked:"
WAIT_STEP_SECONDS = 0.02


def shareable(request):
    # Logged-in people have a session cookie, and a page with a message for its
    # reader has a messages cookie: neither is served or stored here. (This runs
    # before the session and auth middleware, so it looks at cookies, not users.)
    if request.method not in {"GET", "HEAD"}:
        return False
    return not BYPASS_COOKIES & request.COOKIES.keys()


def pause():
    """A waiting reader's step (tests replace it to know a reader waits)."""
    time.sleep(WAIT_STEP_SECONDS)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_shared = settings.NEWSROOM_PAGE_CACHE and shareable(request)
        params = addresses.declared_params(request) if request.page_shared else None
        if params is None:
            response = self.get_response(request)
            if getattr(request, "page_private", False):
                private(response)
            elif getattr(response, "reader_cacheable", False):
                # Someone's own view of a reader page: never kept by anyone else.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        # A page holds absolute addresses (canonical, Open Graph, JSON-LD), so
        # the host and the scheme are part of what it is.
        key = addresses.cache_key(addresses.page_address(request, params))
        response = self.serve(request, key)
        if response.get("X-Page-Cache") not in {"hit", "miss", "stale"}:
            return response
        if response["X-Page-Cache"] == "stale":
            # Never kept by a cache in front: it would outlive the purge.
            patch_cache_control(response, public=True, max_age=0, s_maxage=0)
        else:
            # Browsers revalidate every time (a 304 costs next to nothing), so a
            # reader who reloads sees a change at once; shared caches (Varnish, a
            # CDN) keep the page for s-maxage, or until its keys are purged.
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.NEWSROOM_HTTP_MAX_AGE,
                stale_while_revalidate=settings.NEWSROOM_HTTP_STALE_WHILE_REVALIDATE,
            )
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def serve(self, request, key, waited=False):
        """The cached page if fresh; else draw it (holding the lock), serve the
        stale copy, or wait for whoever is drawing it."""
        version = entries.version_key(key)
        values = cache.get_many([version, keys.LAST_PURGE, schedule.NEXT_CHANGE])
        if schedule.check(values):
            values[keys.LAST_PURGE] = keys.last_purge()
        entry = entries.read(key, values.get(version))
        stale_since = self.stale_since(key, entry, values)
        if entry is not None and stale_since is None:
            return self.rebuild(entry, "hit")
        lock = locks.acquire(key)
        if lock is not None:
            try:
                return self.draw(request, key)
            finally:
                lock.release()
        if entry is not None and keys.stamp() - stale_since <= self.stale_ns():
            return self.rebuild(entry, "stale")
        if not waited:
            deadline = time.monotonic() + settings.NEWSROOM_PAGE_CACHE_LOCK_SECONDS
            while time.monotonic() < deadline and locks.held(key):
                pause()
            return self.serve(request, key, waited=True)
        # Whoever held the lock took too long or stored nothing (an error page).
        return self.draw(request, key)

    @staticmethod
    def stale_ns():
        return settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS * 10**9

    @staticmethod
    def stale_since(key, entry, values):
        """None if the entry is fresh; else when it went stale (now if missing)."""
        now = keys.stamp()
        if entry is None:
            return now
        drawn, expires, page_keys = entry[:3]
        if now >= expires:
            return expires
        last = values.get(keys.LAST_PURGE, 0)
        if drawn >= last:
            return None
        if cache.get(CHECKED_PREFIX + key) == last:
            return None
        since = keys.stale_since(drawn, page_keys, last)
        if since is None:
            # Its keys were looked at against this purge: later readers need not.
            cache.set(CHECKED_PREFIX + key, last, timeout=(expires - now) // 10**9 + 1)
        return since

    def draw(self, request, key):
        drawn = keys.stamp()
        with keys.Drawing() as drawing:
            response = self.get_response(request)
        if getattr(request, "page_private", False):
            private(response)  # one reader's own words on it (pagecache.private_request)
        if not self.storable(response):
            # No stale copy of what is now gone (an unpublished article's 404).
            entries.forget(key)
            return response
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["Last-Modified"] = formatdate(drawn / 1e9, usegmt=True)
        page_keys = tuple(sorted(drawing.keys))
        self.tag(response, page_keys)
        headers = {name: response[name] for name in STORED_HEADERS if name in response}
        for name in ("ETag", "Last-Modified"):
            headers[name] = response[name]
        expires = drawn + drawing.max_age * 10**9
        # A page's own Content Security Policy (one with an embed opens frame-src
        # for its provider) is kept with it: the CSP middleware, outside the page
        # cache, writes the header from it on every answer.
        policy = getattr(response, "_csp_config", None)
        entry = (drawn, expires, page_keys, response.status_code, headers, response.content, policy)
        # Kept past its freshness, so a stale copy can stand in while it is redrawn.
        entries.store(key, entry, drawing.max_age + settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def tag(response, page_keys):
        # Fastly and Varnish's xkey read Surrogate-Key (space-separated),
        # Cloudflare reads Cache-Tag (comma-separated): the same keys.
        response["Surrogate-Key"] = " ".join(page_keys)
        response["Cache-Tag"] = ",".join(page_keys)

    @staticmethod
    def storable(response):
        return (
            getattr(response, "reader_cacheable", False)
            and response.status_code in {200, 404}
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        )

    def rebuild(self, entry, state):
        _, _, page_keys, status, headers, content, policy = entry
        response = HttpResponse(content, status=status)
        if policy is not None:
            response._csp_config = policy
        for name, value in headers.items():
            response[name] = value
        self.tag(response, page_keys)
        response["X-Page-Cache"] = state
        return response
