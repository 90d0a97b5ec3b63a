"""A stand-in for the providers' oEmbed endpoints and thumbnail servers: a urllib
handler that answers the requests articles/oembed.py makes, records them, and
refuses any address it was not told about (there is no network in the tests)."""

import io
import json
import socket
import urllib.request
from email.message import Message
from urllib.error import HTTPError, URLError
from urllib.response import addinfourl

from PIL import Image


class FakeProvider(urllib.request.BaseHandler):
    handler_order = 100  # before urllib's own https handler

    def __init__(self):
        self.answers = {}  # address prefix -> (status, content type, body) or an exception
        self.asked = []

    def answer(self, prefix, body, content_type="application/json", status=200):
        if isinstance(body, dict):
            body = json.dumps(body).encode()
        self.answers[prefix] = (status, content_type, body)

    def redirect(self, prefix, location):
        self.answers[prefix] = (302, "text/html", b"", location)

    def fail(self, prefix, error):
        self.answers[prefix] = error

    def https_open(self, request):
        address = request.full_url
        self.asked.append(address)
        found = next((v for p, v in self.answers.items() if address.startswith(p)), None)
        if found is None:
            raise URLError(socket.gaierror(-3, "Temporary failure in name resolution"))
        if isinstance(found, Exception):
            raise found
        status, content_type, body, *location = found
        headers = Message()
        headers["Content-Type"] = content_type
        headers["Content-Length"] = str(len(body))
        if location:
            headers["Location"] = location[0]
        if status >= 400:
            raise HTTPError(address, status, "refused", headers, io.BytesIO(body))
        response = addinfourl(io.BytesIO(body), headers, address, status)
        response.msg = "OK"
        return response

    http_open = https_open


def jpeg_bytes(width=480, height=360, color="purple"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


YOUTUBE_ANSWER = {
    "type": "video",
    "version": "1.0",
    "title": "The minister&#39;s statement <b>in full</b>",
    "author_name": "Parliament TV",
    "provider_name": "YouTube",
    "thumbnail_url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    "thumbnail_width": 480,
    "thumbnail_height": 360,
}
