"""Who is asking: the client's address behind trusted proxies, and what it accepts."""

import ipaddress

from django.conf import settings
from django.http import HttpResponseRedirect


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address.

    X-Forwarded-For is believed only when the request comes from a proxy listed in
    NEWSROOM_TRUSTED_PROXIES, and then only up to the first address that is not
    itself a trusted proxy (walking from the right, as each proxy appends).
    """
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    trusted = set(settings.NEWSROOM_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in (_valid(part) for part in forwarded.split(",")) if hop]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return remote


def wants_json(request):
    """The page's script asks for JSON; a browser's own form post prefers HTML."""
    return (
        "X-Requested-With" in request.headers
        or request.get_preferred_type(["text/html", "application/json"]) == "application/json"
    )


class HttpResponseSeeOther(HttpResponseRedirect):
    """303 See Other: after a form post, the browser fetches the page with a GET
    (a reload then shows the page again instead of posting twice)."""

    status_code = 303
