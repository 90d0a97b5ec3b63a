"""Site-wide protections Django has no setting for.

The rest is configuration (newsroom/settings.py, "Security"): Django's
SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy; its ContentSecurityPolicyMiddleware the CSP;
django-axes locks out repeated admin login failures; django-otp adds the
second factor (newsroom/admin_site.py).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render


class SecurityHeadersMiddleware:
    """Cross-Origin-Resource-Policy, Permissions-Policy and X-Frame-Options on
    every response.

    Placed outermost, so HTTPS redirects, static files, pages from the page cache
    and error pages get the headers too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.NEWSROOM_CROSS_ORIGIN_RESOURCE_POLICY
        )
        if settings.NEWSROOM_PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.NEWSROOM_PERMISSIONS_POLICY)
        # XFrameOptionsMiddleware sits inside the page cache and WhiteNoise; cached
        # pages and static files get the header here (CSP frame-ancestors says it too).
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class RequestSizeLimitMiddleware:
    """413 for a body over NEWSROOM_MAX_REQUEST_MB, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if too_large(request):
            return HttpResponse(
                "This request is too large.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def too_large(request):
    """A body over NEWSROOM_MAX_REQUEST_MB is refused before anything reads it.

    The proxy in front enforces the same limit (client_max_body_size); this is the
    backstop when Django is reached without it. Django limits form data kept in
    memory itself (DATA_UPLOAD_MAX_MEMORY_SIZE); uploaded files go to disk.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.NEWSROOM_MAX_REQUEST_MB * 1024 * 1024


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
