"""WSGI entry point for production servers."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

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
