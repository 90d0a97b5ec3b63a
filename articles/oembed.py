"""Asking a provider's oEmbed endpoint about an embedded address, and fetching the
thumbnail it names, safely: https only, a timeout, a size limit on every answer,
the picture's type checked from its header and its bytes decoded by Pillow, then
written again as a small JPEG of our own (nothing of the provider's file is kept).

Every failure is an `Unavailable` with a sentence for editors; nothing here raises
anything else for a bad or missing answer. `opener` is the urllib opener every
request goes through (tests give it a handler that plays the provider).
"""

import html
import http.client
import io
import ipaddress
import json
import socket
import urllib.request
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit

from django.utils.html import strip_tags

from images.encoding import encode
from images.validation import Refused, decode, open_image

# The documented public oEmbed endpoints, by the provider's slug (articles/embeds.py).
# Instagram and Facebook have none: Meta's oEmbed asks for an app's access token,
# so their embeds keep the text placeholder. Audio and video files have none either.
ENDPOINTS = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
    "twitter": "https://publish.twitter.com/oembed",
    "tiktok": "https://www.tiktok.com/oembed",
    "spotify": "https://open.spotify.com/oembed",
    "soundcloud": "https://soundcloud.com/oembed",
    "datawrapper": "https://api.datawrapper.de/v3/oembed",
    "flourish": "https://app.flourish.studio/api/v1/oembed",
}
TIMEOUT = 10  # seconds, for each request
MAX_ANSWER = 256 * 1024  # bytes of oEmbed JSON
MAX_THUMBNAIL = 5 * 1024 * 1024  # bytes of picture
THUMBNAIL_WIDTH = 640  # pixels: the placeholder is at most the body's width
USER_AGENT = "Newsroom embed previews (oEmbed)"


class SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a public https address (a provider's answer must
    not lead the server into its own network)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class NotPublic(OSError):
    """The address's name led to a machine that is not on the public internet."""


def _public_connection(address, *args, **kwargs):
    """socket.create_connection, refusing a peer that is not a public address
    before a byte is sent: a public name may resolve to a private address (or be
    made to, between our look and the connection), and only the connected
    socket's peer tells where the request really goes."""
    sock = socket.create_connection(address, *args, **kwargs)
    peer = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if peer.version == 6 and peer.ipv4_mapped:
        peer = peer.ipv4_mapped
    if not peer.is_global:
        sock.close()
        raise NotPublic(f"{address[0]} is not on the public internet ({peer})")
    return sock


class PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self._tunnel_host:  # through a proxy, the proxy decides where it goes
            self._create_connection = _public_connection

    def set_tunnel(self, *args, **kwargs):
        super().set_tunnel(*args, **kwargs)
        self._create_connection = socket.create_connection


class PublicHTTPSHandler(urllib.request.HTTPSHandler):
    """urllib's https, connecting only to public addresses."""

    def https_open(self, req):
        return self.do_open(PublicHTTPSConnection, req, context=self._context)


def make_opener(*handlers):
    """The opener every request goes through: urllib's, https to public addresses
    only, with SafeRedirects."""
    return urllib.request.build_opener(PublicHTTPSHandler, SafeRedirects, *handlers)


opener = make_opener()


class Unavailable(Exception):
    """No preview this time, and why (for editors)."""


def ask(slug, url):
    """The provider's title, author and thumbnail address for `url`, as a dict
    with those three keys (empty strings where it gives none)."""
    endpoint = ENDPOINTS[slug]
    query = urlencode({"url": url, "format": "json", "maxwidth": THUMBNAIL_WIDTH})
    body, _ = _get(f"{endpoint}?{query}", MAX_ANSWER, "application/json")
    try:
        data = json.loads(body)
    except ValueError:
        raise Unavailable("The provider's answer was not oEmbed JSON.") from None
    if not isinstance(data, dict):
        raise Unavailable("The provider's answer was not oEmbed JSON.")
    picture = data.get("thumbnail_url")
    return {
        "title": _text(data.get("title"), 300),
        "author": _text(data.get("author_name"), 200),
        "thumbnail_url": picture if isinstance(picture, str) else "",
    }


def thumbnail(address):
    """The picture at `address` as a small JPEG (bytes), checked all the way."""
    _check_address(address)
    body, content_type = _get(address, MAX_THUMBNAIL, "image/*")
    if not content_type.startswith("image/"):
        raise Unavailable(f"The thumbnail is not a picture (it came as “{content_type}”).")
    try:
        with open_image(io.BytesIO(body)) as image:
            picture = decode(image, draft_width=THUMBNAIL_WIDTH, max_width=THUMBNAIL_WIDTH)
    except Refused as refusal:
        raise Unavailable(f"The thumbnail was refused: {refusal.message}") from None
    return encode(picture, "jpeg")


def _text(value, length):
    if not isinstance(value, str):
        return ""
    return html.unescape(strip_tags(value)).strip()[:length]


def _check_address(address):
    """Only a public https address: the thumbnail's address comes from the
    provider's answer, and must not make the server ask its own network."""
    parts = urlsplit(address or "")
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or parts.username or parts.password:
        raise Unavailable("The provider gave no https address to fetch.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            raise Unavailable("The thumbnail's address is not on the public internet.") from None
    else:
        raise Unavailable("The thumbnail's address is not on the public internet.")


def _get(address, limit, accept):
    """(body, content type) of a GET, or Unavailable with the reason."""
    host = urlsplit(address).hostname
    if not address.startswith("https://"):
        raise Unavailable(f"{host} is not an https address.")
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    request = urllib.request.Request(address, headers=headers)  # noqa: S310 (https only)
    try:
        with opener.open(request, timeout=TIMEOUT) as answer:
            if not answer.geturl().startswith("https://"):
                raise Unavailable(f"{host} sent us to an address that is not https.")
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise Unavailable(f"{host} answered with more than {limit // 1024} KB.")
            body = answer.read(limit + 1)
            content_type = answer.headers.get_content_type()
    except HTTPError as error:
        raise Unavailable(_refusal(host, error.code)) from None
    except (URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise Unavailable(f"{host} could not be reached ({reason}).") from None
    if len(body) > limit:
        raise Unavailable(f"{host} answered with more than {limit // 1024} KB.")
    return body, content_type


def _refusal(host, code):
    if code in {401, 403, 404}:
        return (
            f"{host} answered {code}: the post or video may be private, deleted or "
            "not allowed to be embedded."
        )
    return f"{host} answered {code}; try again later."
