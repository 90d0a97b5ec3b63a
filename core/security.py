"""Site-wide protections Django has no setting for: two middleware.

The rest is configuration (newsroom/settings/base.py, "Security"): Django's
SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy; its ContentSecurityPolicyMiddleware the CSP;
django-axes locks out repeated admin login failures (newsroom/security.py);
django-otp adds the second factor (newsroom/admin_site.py).
"""

from django.conf import settings
from django.http import HttpResponse


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
