"""Site-wide data (the section tree, the page tree, the site's settings) read
from the shared cache at most once per request.

Each is kept in the shared cache, so every server process sees a change at once.
A page asks for each several times (the menu, breadcrumbs, the footer, the
article's address) and every cache read unpickles it again: within a request the
first read is kept, and a change made during the request (`forget`) drops it.
Outside a request (a management command, a test calling a model) every read goes
to the cache.
"""

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started

_request = Local()


def get(key, build, timeout):
    """The value at `key` in the shared cache; made by `build()` and kept there
    for `timeout` seconds when missing."""
    kept = getattr(_request, "kept", None)
    if kept is not None and key in kept:
        return kept[key]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    if kept is not None:
        kept[key] = value
    return value


def forget(key):
    """The value at `key` changed: read it again, in this request too."""
    cache.delete(key)
    kept = getattr(_request, "kept", None)
    if kept is not None:
        kept.pop(key, None)


def _started(**kwargs):
    _request.kept = {}


def _finished(**kwargs):
    _request.kept = None


request_started.connect(_started, dispatch_uid="sitewide:started")
request_finished.connect(_finished, dispatch_uid="sitewide:finished")
