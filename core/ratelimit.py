"""Per-client rate limits: how often one address may comment, like or search.

Counted in the shared cache (Redis with REDIS_URL, else the file cache every
server process shares), in fixed windows: the key names the client, the action
and the window, and expires with it. Redis counts atomically; the file cache
may miss a count when two processes write at once, erring on the lenient side.

A client is an address as core.http.client_ip sees it, so X-Forwarded-For
counts only from NEWSROOM_TRUSTED_PROXIES. Staff are never limited. The limits
("requests/seconds") are in settings.NEWSROOM_RATE_LIMITS; 0 requests turns
one off. These sit in front of the database's own rules (the comment flood
check, one like per reader), which still decide what is stored.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from .http import client_ip

MESSAGE = "You are doing that too often. Please wait a minute and try again."


def rule(scope):
    """(requests, seconds) allowed for one client in one window."""
    value = settings.NEWSROOM_RATE_LIMITS[scope]
    try:
        requests, seconds = (int(part) for part in str(value).split("/"))
    except ValueError:
        raise ImproperlyConfigured(
            f"Rate limit for {scope!r} must be requests/seconds, e.g. 5/60, not {value!r}"
        ) from None
    if seconds < 1:
        raise ImproperlyConfigured(f"Rate limit for {scope!r} needs a window of 1 s or more")
    return requests, seconds


def exceeded(request, scope):
    """Count this request against the client's limit for `scope`.

    Returns None while within the limit, else the seconds until the window ends
    (for Retry-After).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return None
    requests, seconds = rule(scope)
    if requests <= 0:
        return None
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=seconds + 1)
            count = 1
    if count <= requests:
        return None
    return max(1, int((window + 1) * seconds - now) + 1)


def too_many_requests(request, retry_after, message=MESSAGE):
    """The 429 page: what happened and when to try again."""
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limit(scope):
    """Decorator: refuse a view with 429 once the client is over its limit."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            retry_after = exceeded(request, scope)
            if retry_after is not None:
                return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return limited

    return decorator
