"""WSGI entry point for production servers."""

import gc
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

application = get_wsgi_application()

# Serving is the one thing that needs a real secret key: sessions, CSRF tokens
# and signed cookies depend on it. Refuse to start rather than sign with an
# empty or invented key.
try:
    settings.SECRET_KEY  # noqa: B018 - Django refuses an empty key on access
except ImproperlyConfigured:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Serving without DJANGO_DEBUG=1 needs a secret key: "
        "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    ) from None


# Python's full garbage collections walk every object that lives as long as the
# process (modules, models, compiled templates, URL patterns): tens of
# milliseconds each, every few hundred requests, in the middle of one. Frozen,
# those objects are left out: at start and again after the first requests have
# compiled the templates and URL patterns they use.
FREEZE_AFTER = {1, 10, 100, 1000}
_served = 0


def _freeze_long_lived(**kwargs):
    global _served
    _served += 1
    if _served in FREEZE_AFTER:
        gc.collect()
        gc.freeze()
    if _served >= max(FREEZE_AFTER):
        request_finished.disconnect(_freeze_long_lived)


gc.freeze()
request_finished.connect(_freeze_long_lived)
