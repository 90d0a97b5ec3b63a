"""
Which cached page a request asks for.

A page is the same whatever tracking parameters a link carries (`utm_*`,
`fbclid`, `gclid`, `mc_cid`, `mc_eid` and NEWSROOM_TRACKING_PARAMETERS), and
whatever parameters its view does not read: a view declares the ones it takes
(`reader_page(view, params=["page"])`), and only those make another page. So
300 links with 300 `utm_source` values are one cached page, not 300. The view
still sees the whole query string; only the cache key leaves them out.
"""

import functools
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, get_resolver, get_urlconf

TRACKING = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})


def is_tracking(name):
    name = name.lower()
    return (
        name.startswith("utm_")
        or name in TRACKING
        or name in {extra.lower() for extra in settings.NEWSROOM_TRACKING_PARAMETERS}
    )


@functools.lru_cache(maxsize=4096)
def _declared(urlconf, path):
    """The parameters the view at `path` takes, or None for a view that is not a
    reader page (its answers are never cached)."""
    try:
        match = get_resolver(urlconf).resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "page_params", None)


def declared_params(request):
    return _declared(get_urlconf() or settings.ROOT_URLCONF, request.path_info)


def page_address(request, params):
    """The page's address as the cache knows it: scheme, host, path and the
    declared parameters present, in a fixed order."""
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in params and not is_tracking(name)
        for value in values
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"{address}?{urlencode(query)}" if query else address


def cache_key(address):
    # DEBUG and production name static files differently: part of the page.
    digest = hashlib.sha256(f"{settings.DEBUG}:{address}".encode()).hexdigest()
    return "page:v2:" + digest  # v2: entries carry their keys and policy
