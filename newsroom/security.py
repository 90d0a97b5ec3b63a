"""The admin's login lockout (django-axes): who is checked, and the page a
locked-out login gets. The header middleware is core/security.py."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    Every login over HTTP (the admin's form) passes its request and is checked.
    A login without one is made by code (a management command, the test client's
    `login()`); there is no client address to lock out, so it is left to the
    next backend instead of failing outright as Axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (429), saying how long the pause lasts."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(
        request,
        "admin/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": minutes,
            "title": "Too many attempts",
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
