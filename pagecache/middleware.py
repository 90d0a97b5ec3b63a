"""
The reader page cache's middleware: answer from the cache, or keep the answer.

A cached page is the same for every reader: it holds no CSRF token, no form
token, no like state and nothing awaiting moderation; the page's script fetches
those from an uncached endpoint (articles:reader). So only requests that could
be answered with such a shared page use the cache: GET or HEAD, not logged in,
carrying no message or session cookie. A view opts in with
`pagecache.reader_page` (which sets `response.reader_cacheable`); a response
that sets a cookie is never stored, whatever the view says.
"""

import hashlib
import time
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from . import generations

BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


def shareable(request):
    # Logged-in people have a session cookie, and a page with a message for its
    # reader has a messages cookie: neither is served or stored here. (This runs
    # before the session and auth middleware, so it looks at cookies, not users.)
    if request.method not in {"GET", "HEAD"}:
        return False
    return not BYPASS_COOKIES & request.COOKIES.keys()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_shared = settings.NEWSROOM_PAGE_CACHE and shareable(request)
        if not request.page_shared:
            response = self.get_response(request)
            if getattr(response, "reader_cacheable", False):
                # Someone's own view of a reader page: never kept by anyone else.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        generation, version, next_change = generations.state(request.path)
        # A page holds absolute addresses (canonical, Open Graph, JSON-LD) and
        # static file names, so the host, the scheme and the kind of server
        # (DEBUG or production static names) are part of what it is.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = (
            "page:"
            + hashlib.sha256(
                f"{generation}:{version}:{settings.DEBUG}:{address}".encode()
            ).hexdigest()
        )
        stored = cache.get(key)
        if stored is not None:
            response = self._rebuild(stored)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._storable(response):
                return response
            response["ETag"] = (
                f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            )
            response["Last-Modified"] = formatdate(max(generation, version) / 1e9, usegmt=True)
            timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
            if next_change:
                timeout = max(1, min(timeout, int(next_change - time.time()) + 1))
            cache.set(key, self._freeze(response), timeout)
            response["X-Page-Cache"] = "miss"
        # Browsers revalidate every time (a 304 costs next to nothing), so a reader
        # who reloads sees a change at once; shared caches (a CDN) may keep the page
        # for s-maxage and serve it stale while they fetch a fresh one.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.NEWSROOM_HTTP_MAX_AGE,
            stale_while_revalidate=settings.NEWSROOM_HTTP_STALE_WHILE_REVALIDATE,
        )
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        return conditional

    @staticmethod
    def _storable(response):
        return (
            getattr(response, "reader_cacheable", False)
            and response.status_code in {200, 404}
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _freeze(response):
        headers = {name: response[name] for name in STORED_HEADERS if name in response}
        headers["ETag"] = response["ETag"]
        headers["Last-Modified"] = response["Last-Modified"]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored):
        status, headers, content_bytes = stored
        response = HttpResponse(content_bytes, status=status)
        for name, value in headers.items():
            response[name] = value
        return response
