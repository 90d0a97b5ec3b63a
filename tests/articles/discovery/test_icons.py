"""The site's logo and icons (articles/discovery/icons.py): a favicon and an
apple-touch-icon on every page, the logo in JSON-LD and the feeds, from the logo
set in the site settings or Newsroom's default mark."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.test.html import parse_html
from PIL import Image

from articles.models import SiteSettings
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory, picture_file
from tests.helpers.html import attr, find_all

pytestmark = pytest.mark.django_db

DEFAULT_RED = (163, 18, 27)  # the default mark's background, #a3121b


def icon(response):
    return Image.open(io.BytesIO(response.content))


def feed(client, url):
    return ET.fromstring(client.get(url).content)  # noqa: S314 - the site's own feed


def test_favicon_and_touch_icon_from_the_default_mark(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    favicon = icon(response)
    assert favicon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= favicon.info["sizes"]
    assert favicon.convert("RGB").getpixel((1, 1)) == DEFAULT_RED
    for path in ("/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        touch = icon(response)
        assert touch.size == (180, 180)
        assert touch.convert("RGB").getpixel((2, 2)) == DEFAULT_RED


def test_icons_follow_the_logo_cut_square(client):
    # A wide logo: the left half blue, the right half yellow; the focal point on the right.
    wide = Image.new("RGB", (400, 100), "blue")
    wide.paste(Image.new("RGB", (200, 100), "yellow"), (200, 0))
    buffer = io.BytesIO()
    wide.save(buffer, "PNG")
    logo = CaptionedImageFactory(upload=picture_file(), alt_text="Logo")
    logo.image.save("logo.png", io.BytesIO(buffer.getvalue()))
    type(logo).objects.filter(pk=logo.pk).update(focal_x=0.9, width=400, height=100)
    SiteSettings(logo=type(logo).objects.get(pk=logo.pk)).save()
    touch = icon(client.get("/apple-touch-icon.png")).convert("RGB")
    assert touch.size == (180, 180)
    assert touch.getpixel((90, 90)) == (255, 255, 0)  # square, around the focal point
    assert icon(client.get("/favicon.ico")).convert("RGB").getpixel((8, 8)) == (255, 255, 0)


def test_every_page_links_its_icons(client):
    article = ArticleFactory(published=True)
    for url in ("/", article.get_absolute_url(), "/search/?q=x", "/no-such-page/"):
        tree = parse_html(client.get(url).content.decode())
        (favicon,) = find_all(tree, "link", rel="icon")
        (touch,) = find_all(tree, "link", rel="apple-touch-icon")
        assert attr(favicon, "href") == "/favicon.ico"
        assert attr(touch, "href") == "/apple-touch-icon.png"


def test_the_publisher_has_a_logo_without_one_set(client):
    article = ArticleFactory(published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    tree = parse_html(html)
    scripts = find_all(tree, "script", type="application/ld+json")
    data = [item for script in scripts for item in json.loads(script.children[0])]
    (news,) = [item for item in data if item["@type"] == "NewsArticle"]
    logo = news["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    assert logo["url"] == "http://testserver/static/img/newsroom-icon.png"
    assert (logo["width"], logo["height"]) == (512, 512)


def test_feeds_carry_the_logo(client):
    ArticleFactory(published=True)
    rss = feed(client, "/feeds/rss/")
    image = rss.find("channel/image")
    assert image.findtext("url") == "http://testserver/static/img/newsroom-icon.png"
    assert image.findtext("link") == "http://testserver/"
    assert image.findtext("title") == rss.findtext("channel/title")
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    atom = feed(client, "/feeds/atom/")
    assert atom.findtext("atom:logo", namespaces=ns) == (
        "http://testserver/static/img/newsroom-icon.png"
    )
    assert atom.findtext("atom:icon", namespaces=ns) == "http://testserver/apple-touch-icon.png"
    logo = CaptionedImageFactory(alt_text="Logo")
    SiteSettings(logo=logo).save()
    rss = feed(client, "/feeds/rss/")
    assert rss.findtext("channel/image/url").startswith("http://testserver/media/")


def test_a_new_logo_shows_at_once_through_the_page_cache(
    settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    reader = Client()
    reader.get("/favicon.ico")
    first = reader.get("/favicon.ico")
    assert first["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings(logo=CaptionedImageFactory(alt_text="Logo")).save()  # teal
    changed = reader.get("/favicon.ico")
    assert changed.content != first.content
    assert icon(changed).convert("RGB").getpixel((8, 8)) != DEFAULT_RED
