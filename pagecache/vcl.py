"""The VCL that Varnish runs in front (deploy/varnish/newsroom.vcl), made for this
site: its backend's address, and the tracking parameters it drops from the cache
key, the same as the page cache's own (pagecache/addresses.py: the built-in ones
and NEWSROOM_TRACKING_PARAMETERS). `manage.py varnish_vcl` prints it; `make
serve-cache` runs Varnish with it.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .addresses import TRACKING

TEMPLATE = Path("deploy") / "varnish" / "newsroom.vcl"  # under BASE_DIR
BUILT_IN = "utm_[a-z0-9_]+|fbclid|gclid|mc_cid|mc_eid"
# A name the VCL's regular expression can hold as it is (no escaping).
PARAMETER = re.compile(r"[A-Za-z0-9_-]+")


def tracking_pattern():
    """The alternation of tracking parameter names, for the VCL's regsuball."""
    extra = []
    for name in settings.NEWSROOM_TRACKING_PARAMETERS:
        if not PARAMETER.fullmatch(name):
            raise ImproperlyConfigured(
                f"NEWSROOM_TRACKING_PARAMETERS: “{name}” is not a parameter name "
                "(letters, digits, _ and - only)."
            )
        name = name.lower()
        if name not in TRACKING and not name.startswith("utm_") and name not in extra:
            extra.append(name)
    return "|".join([BUILT_IN, *extra])


def configured(host, port):
    """The VCL with `host`:`port` as its backend and this site's tracking parameters."""
    template = Path(settings.BASE_DIR) / TEMPLATE
    text = template.read_text()
    for old, new in (
        ('.host = "127.0.0.1";', f'.host = "{host}";'),
        ('.port = "8000";', f'.port = "{port}";'),
        (f"({BUILT_IN})", f"({tracking_pattern()})"),
    ):
        if old not in text:
            raise ImproperlyConfigured(f"{template} no longer has {old}")
        text = text.replace(old, new)
    return text
