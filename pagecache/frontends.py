"""
Purging the shared cache in front: Varnish (deploy/varnish/newsroom.vcl).

When NEWSROOM_VARNISH_URL names Varnish (make serve-cache sets it), every purge
is sent there too, as the VCL expects: `PURGE /` with the keys in an
`xkey-purge` header, and Varnish drops every object tagged with any of them
(the Surrogate-Key header Newsroom sent with the page). A CDN is purged the
same way by its own API with the same keys (README: "Varnish or a CDN in front").

A purge that cannot reach Varnish is logged, never raised: the editor's change
is saved, and Varnish's own short s-maxage ends the stale copy.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

# xkey reads a space-separated list; requests stay far below header limits.
KEYS_PER_REQUEST = 200
TIMEOUT_SECONDS = 3


def purge_varnish(sender, keys, **kwargs):
    """Receiver of signals.purged: the same keys, purged in Varnish."""
    url = settings.NEWSROOM_VARNISH_URL
    if not url:
        return
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_REQUEST):
        chunk = " ".join(ordered[start : start + KEYS_PER_REQUEST])
        # NEWSROOM_VARNISH_URL is the operator's http:// address, never a reader's.
        request = urllib.request.Request(  # noqa: S310
            url.rstrip("/") + "/", method="PURGE", headers={"xkey-purge": chunk}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                response.read()
        except (OSError, urllib.error.URLError) as error:
            logger.warning("Could not purge %s in Varnish at %s: %s", chunk, url, error)
