"""Security headers on every kind of response, scored like the MDN HTTP Observatory.

The site is asked as production serves it: over HTTPS (the test client's
`secure=True`, as if the proxy in front said so), with the SSL redirect and
Secure cookies on, the page cache on.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.test import Client
from django.urls import re_path, reverse
from django.views.static import serve

from articles.views import listings as article_views
from tests.helpers import observatory
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    UserFactory,
    picture_file,
)

pytestmark = pytest.mark.django_db(transaction=True)


def serve_media(request, path):
    """The media route of NEWSROOM_SERVE_MEDIA (newsroom/urls.py), with this test's MEDIA_ROOT."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media)]


@pytest.fixture(autouse=True)
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.NEWSROOM_PAGE_CACHE = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def site():
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Ada Reporter", slug="ada-reporter")
    article = ArticleFactory(
        published=True, section=section, authors=[author], tags=["Harbour"], headline="Tide"
    )
    return article


def expected_headers(response, path):
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("default-src") == ["'none'"], path
    assert "'unsafe-inline'" not in directives["script-src"], path
    assert "'unsafe-eval'" not in policy, path
    assert directives["object-src"] == ["'none'"], path
    assert directives["base-uri"] == ["'none'"], path
    assert directives["frame-ancestors"] == ["'none'"], path
    assert directives["form-action"] == ["'self'"], path
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff", path
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin", path
    assert headers["X-Frame-Options"] == "DENY", path
    assert headers["Permissions-Policy"] == settings.NEWSROOM_PERMISSIONS_POLICY, path
    for morsel in response.cookies.values():
        assert morsel["secure"], (path, morsel.key)
        assert morsel["samesite"] in {"Lax", "Strict"}, (path, morsel.key)
        assert morsel["httponly"], (path, morsel.key)


def test_every_kind_of_page_carries_the_security_headers(site, client, monkeypatch):
    article = site
    staff = UserFactory(is_staff=True, is_superuser=True)
    reader_pages = [
        "/",
        "/section/world/",
        article.get_absolute_url(),
        article.get_absolute_url(),  # again: from the page cache
        "/tag/harbour/",
        "/author/ada-reporter/",
        "/search/?q=tide",
        "/corrections/",
        "/archive/2026/",
        "/feeds/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        reverse("articles:reader", args=[article.pk]),
        "/static/css/site.css",
        "/no-such-page/",
        "/admin/login/",
    ]
    for page in reader_pages:
        response = client.get(page, secure=True)
        assert response.status_code in {200, 404}, page
        expected_headers(response, page)
    assert client.get(article.get_absolute_url(), secure=True)["X-Page-Cache"] == "hit"

    # Plain HTTP is redirected to HTTPS, with the headers (bar HSTS, which
    # browsers ignore over HTTP) on the redirect too.
    redirect = client.get("/", secure=False)
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/"
    assert redirect["Content-Security-Policy"].startswith("default-src 'none'")

    # A like and a comment (with their cookies), and a like refused for speed.
    like = client.post(
        reverse("articles:like", args=[article.pk]),
        {"action": "like"},
        secure=True,
        headers={"Accept": "application/json"},
    )
    expected_headers(like, "like")
    # Logged in: the admin, its session cookie, and its pages.
    login = Client().post(
        "/admin/login/",
        {"username": staff.username, "password": "correct horse battery"},
        secure=True,
    )
    assert login.status_code == 302
    expected_headers(login, "login")
    client.force_login(staff)
    for page in ("/admin/", f"/admin/articles/article/{article.pk}/change/"):
        response = client.get(page, secure=True)
        assert response.status_code == 200
        expected_headers(response, page)
        assert "'nonce-" in response["Content-Security-Policy"]

    # Error pages: 500, and 503 while the database is unreachable.
    errors = Client(raise_request_exception=False)

    def broken(self):
        raise RuntimeError("a bug, with SECRET_KEY details")

    monkeypatch.setattr(article_views.CorrectionsView, "get_queryset", broken)
    cache.clear()  # /corrections/ was cached above: draw it (and fail) again
    response = errors.get("/corrections/", secure=True)
    assert response.status_code == 500
    expected_headers(response, "500")
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text
    assert "SECRET_KEY" not in response.text

    def unreachable(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(article_views.CorrectionsView, "get_queryset", unreachable)
    cache.clear()  # /corrections/ was cached above: draw it (and fail) again
    response = errors.get("/corrections/", secure=True)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    expected_headers(response, "503")
    assert "back in a moment" in response.text.lower()
    assert "connection refused" not in response.text


POWERFUL_FEATURES = [
    "accelerometer",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]


def test_permissions_policy_denies_every_powerful_feature(site, client):
    """The site uses no camera, microphone, location, payment, device, sensor or
    screen-capture API and frames nothing: every one is off for it and any frame."""
    for page in ("/", site.get_absolute_url(), "/static/css/site.css", "/admin/login/"):
        header = client.get(page, secure=True)["Permissions-Policy"]
        allowlists = dict(part.strip().split("=", 1) for part in header.split(","))
        for feature in POWERFUL_FEATURES:
            assert allowlists.get(feature) == "()", (page, feature)
        assert set(allowlists.values()) == {"()"}, page


def test_the_permissions_policy_is_a_setting(site, client, settings):
    settings.NEWSROOM_PERMISSIONS_POLICY = "camera=(), fullscreen=(self)"
    assert client.get("/", secure=True)["Permissions-Policy"] == "camera=(), fullscreen=(self)"
    settings.NEWSROOM_PERMISSIONS_POLICY = ""
    assert "Permissions-Policy" not in client.get("/robots.txt", secure=True).headers


def test_404_page_is_branded_and_leaks_nothing(site, client):
    response = client.get("/no/such/page/", secure=True)
    assert response.status_code == 404
    assert "We can’t find that page" in response.text
    assert "Traceback" not in response.text
    assert "urlpatterns" not in response.text


@pytest.mark.urls(__name__)
def test_media_is_served_with_its_own_type_and_nosniff(client):
    name = default_storage.save("pictures/test.jpg", picture_file())
    default_storage.save("pictures/notes.txt", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/media/{name}", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == settings.NEWSROOM_PERMISSIONS_POLICY
    text = client.get("/media/pictures/notes.txt", secure=True)
    assert text["Content-Type"].startswith("text/plain")
    assert text["X-Content-Type-Options"] == "nosniff"
    assert text["Content-Security-Policy"].startswith("default-src 'none'")


def test_requests_over_the_size_limit_are_refused(client, settings):
    settings.NEWSROOM_MAX_REQUEST_MB = 1
    response = client.post(
        "/comments/post/1/",
        data=b"x" * (1024 * 1024 + 1),
        content_type="application/octet-stream",
        secure=True,
    )
    assert response.status_code == 413
    assert response["X-Content-Type-Options"] == "nosniff"


def scan(client, path):
    """What the Observatory fetches: http:// first, following redirects to the end."""
    route, cookies = [f"http://testserver{path}"], []
    response = client.get(path, secure=False)
    while response.status_code in {301, 302, 307, 308}:
        cookies += [m.output(header="").strip() for m in response.cookies.values()]
        location = response["Location"]
        route.append(location if "://" in location else f"https://testserver{location}")
        secure = route[-1].startswith("https://")
        response = client.get(route[-1].split("testserver", 1)[1], secure=secure)
    cookies += [m.output(header="").strip() for m in response.cookies.values()]
    cors = client.get(path, secure=True, headers={"Origin": observatory.Scan.cors_origin})
    return observatory.Scan(
        url=route[-1],
        headers={name.lower(): [value] for name, value in response.headers.items()},
        body=response.content.decode(errors="replace"),
        set_cookies=cookies,
        http_route=route,
        cors_headers={name.lower(): value for name, value in cors.headers.items()},
    )


def test_observatory_score_is_a_plus(site):
    # The front page, as the Observatory scans it: 130 points, every test passed.
    report = observatory.grade(scan(Client(), "/"))
    assert report.grade == "A+", report.results
    assert report.score == 130, report.results
    assert report.passed == len(observatory.TESTS)
    # A page with scripts and one that sets cookies score as well.
    article = observatory.grade(scan(Client(), site.get_absolute_url()))
    assert (article.grade, article.score) == ("A+", 130), article.results
    login = observatory.grade(scan(Client(), "/admin/login/"))
    assert login.results["cookies"][0] == "cookies-secure-with-httponly-sessions-and-samesite"
    assert (login.grade, login.score) == ("A+", 135), login.results


def test_the_scorer_marks_down_what_the_observatory_marks_down():
    """The scorer is not a rubber stamp: a site without the headers fails it."""
    bare = observatory.Scan(
        url="https://example.com/",
        headers={"content-type": ["text/html"]},
        body='<script src="http://cdn.example.net/x.js"></script>',
        set_cookies=["sessionid=1; Path=/"],
        http_route=["http://example.com/"],
    )
    report = observatory.grade(bare)
    assert report.results["content-security-policy"][0] == "csp-not-implemented"
    assert report.results["cookies"][0] == "cookies-session-without-secure-flag"
    assert report.results["subresource-integrity"][0] == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    )
    assert report.grade == "F"
    unsafe = observatory.Scan(
        url="https://example.com/",
        headers={
            "content-security-policy": ["default-src 'self'; script-src 'self' 'unsafe-inline'"],
            "strict-transport-security": ["max-age=300"],
            "x-content-type-options": ["nosniff"],
            "x-frame-options": ["DENY"],
        },
        body="",
        set_cookies=[],
        http_route=["http://example.com/", "https://example.com/"],
    )
    report = observatory.grade(unsafe)
    assert report.results["content-security-policy"][0] == "csp-implemented-with-unsafe-inline"
    assert report.results["strict-transport-security"][0] == (
        "hsts-implemented-max-age-less-than-six-months"
    )
    assert (report.score, report.grade) == (70, "B")


def test_no_template_marks_reader_input_safe():
    """Autoescaping is never switched off: what readers and editors type reaches
    templates as text (the body's HTML is sanitised by nh3 in articles/body.py)."""
    templates = [
        path
        for folder in [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
        for path in folder.rglob("*.html")
    ]
    assert len(templates) > 20
    for template in templates:
        source = template.read_text()
        for marker in ("|safe", "autoescape off", "safeseq", "{% filter safe"):
            assert marker not in source, f"{template}: {marker}"
