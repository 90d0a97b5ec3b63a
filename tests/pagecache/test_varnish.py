"""Varnish in front (deploy/varnish/newsroom.vcl): an editor publishes, corrects
and deletes through the admin, Newsroom sends the purges by surrogate key, and
exactly the pages showing what changed are fetched anew by Varnish (X-Cache:
MISS); every other page stays in Varnish (HIT).

Needs Debian's varnish and varnish-modules (scripts/ensure-test-tools installs
them); under CI=true a missing Varnish fails the test instead of skipping it.
"""

import glob
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from pagecache.vcl import configured
from tests.helpers.factories import ArticleFactory, UserFactory
from tests.helpers.html import soup
from tests.helpers.realserver import free_port

from .conftest import Site

pytestmark = pytest.mark.django_db(transaction=True)

START_TIMEOUT = 30


def varnish_missing():
    if shutil.which("varnishd") is None:
        return "varnishd is not installed (apt-get install varnish varnish-modules)"
    if not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so"):
        return "the xkey module is not installed (apt-get install varnish-modules)"
    return None


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own Varnish)
            return response.status, response.headers.get("X-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache")


@pytest.fixture
def varnish(live_server, settings, tmp_path):
    missing = varnish_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    host, port = live_server.url.removeprefix("http://").split(":")
    vcl = tmp_path / "newsroom.vcl"
    vcl.write_text(configured(host, port))
    address = f"127.0.0.1:{free_port()}"
    log = (tmp_path / "varnishd.log").open("w")
    # -j none: no privilege separation, so it runs as whoever runs the tests.
    process = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-a", address, "-f", str(vcl),
         "-n", str(tmp_path / "varnish"), "-s", "malloc,32m"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    settings.ALLOWED_HOSTS = ["*"]
    settings.NEWSROOM_VARNISH_URL = f"http://{address}"
    # Varnish keeps pages for s-maxage: long enough that only a purge ends them here.
    settings.NEWSROOM_HTTP_MAX_AGE = 3600
    deadline = time.monotonic() + START_TIMEOUT
    while not listening(address):
        assert process.poll() is None, (tmp_path / "varnishd.log").read_text()
        assert time.monotonic() < deadline, "Varnish did not start"
        time.sleep(0.2)
    yield f"http://{address}"
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def listening(address):
    import socket

    host, port = address.split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    return True


class AdminForm(HTMLParser):
    """The admin change form's fields as a browser would post them back."""

    def __init__(self, html):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"}:
                self.data[name] = attrs.get("value", "")
            elif "checked" in attrs:
                self.data[name] = attrs.get("value", "on")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_admin_changes_purge_exactly_the_right_pages_in_varnish(varnish):
    site = Site()
    editor = UserFactory(is_staff=True, groups=["Editors"])
    admin = Client()
    admin.force_login(editor)

    def states():
        """Each page through Varnish: fetched from Newsroom (MISS) or kept (HIT)."""
        return {name: get(varnish + url)[1] for name, url in site.pages.items()}

    def refetched():
        found = {name for name, state in states().items() if state == "MISS"}
        assert set(states().values()) == {"HIT"}  # all kept again for the next step
        return found

    states()
    assert refetched() == set()

    # Publishing a draft through the admin's "Publish now".
    draft = ArticleFactory(section=site.sport, authors=[site.sam], headline="Delta in Sport")
    draft.tags.add(site.football)
    assert refetched() == set(), "a draft shows nowhere"
    response = admin.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).is_public
    assert refetched() == {"home", "sport", "tag football", "author sam", "rss", "sport rss",
                           "sitemap"}  # fmt: skip

    # A correction added to article A in its change form.
    change = reverse("admin:articles_article_change", args=[site.a.pk])
    form = AdminForm(admin.get(change).content.decode()).data
    row = int(form["notes-TOTAL_FORMS"])
    # "Add another Correction or update": a copy of the inline's empty row.
    for name, value in list(form.items()):
        if "notes-__prefix__-" in name:
            form[name.replace("__prefix__", str(row))] = value
    form.update({
        "notes-TOTAL_FORMS": str(row + 1), f"notes-{row}-kind": "correction",
        f"notes-{row}-text": "An earlier version gave the wrong date.",
    })  # fmt: skip
    response = admin.post(change, form)
    assert response.status_code == 302, errors(response)
    assert site.a.notes.get().text == "An earlier version gave the wrong date."
    # Its page, the corrections page and the feed (its item's "updated"); the
    # article's own save is part of it: the sitemap's "last modified". Cards
    # show nothing of a correction.
    assert refetched() == {"a", "rss", "sitemap", "corrections"}

    # Deleting article C through the admin.
    response = admin.post(
        reverse("admin:articles_article_delete", args=[site.c.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert get(varnish + site.pages.pop("c"))[0] == 404
    # A's page showed C under "Related stories".
    assert refetched() == {"a", "home", "world", "author sam", "rss", "sitemap", "corrections"}


def errors(response):
    """The admin's error messages on a form that came back."""
    return [errors.decode_contents() for errors in soup(response).select("ul.errorlist")]
