"""A reader's browser against a real server (tests.helpers.realserver): it loads
the shared article page, fetches its own tokens, and posts a comment."""

import http.client
import json
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT = 20


def request(base, method, path, *, headers=None, body=None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode(errors="replace")
    finally:
        conn.close()


def fetch_form(base, path, ip):
    """What a reader's browser does: load the (cached, shared) article page, then
    ask the uncached reader endpoint for its CSRF and form tokens, as its script does."""
    status, _, html = request(base, "GET", path, headers={"X-Forwarded-For": ip})
    assert status == 200, status
    reader_url = re.search(r'data-reader-url="([^"]+)"', html).group(1)
    status, headers, body = request(base, "GET", reader_url, headers={"X-Forwarded-For": ip})
    assert status == 200, status
    cookie = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookie.load(value)
    state = json.loads(body)
    return {
        "csrf_cookie": cookie["csrftoken"].value,
        "csrf_form": state["csrf"],
        "token": state["comment_token"],
    }


def send(base, action, form, text, email, ip):
    body = urlencode(
        {
            "csrfmiddlewaretoken": form["csrf_form"],
            "token": form["token"],
            "name": "Reader",
            "email": email,
            "website": "",
            "text": text,
            "parent": "",
            "homepage": "",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={form['csrf_cookie']}",
        "X-Forwarded-For": ip,
        "Origin": base,
        "Referer": base + "/",
    }
    try:
        status, _, _ = request(base, "POST", action, headers=headers, body=body)
    except OSError:
        return None  # not acknowledged
    return status
