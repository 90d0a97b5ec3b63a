"""Abuse limits: per-client rate limits on comments, likes and search; admin login
lockout (django-axes) per username and address with a cool-off; two-factor
sign-in (django-otp)."""

import http.client
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from comments.models import Comment
from tests.comments.helpers import at_the_form
from tests.helpers.factories import ArticleFactory, UserFactory
from tests.helpers.realserver import gunicorn_server

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
PASSWORD = "correct horse battery"


def comment_form(client, article, n, ip):
    html = client.get(article.get_absolute_url(), REMOTE_ADDR=ip).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return {
        "name": "Reader",
        "email": f"reader{n}@example.com",
        "website": "",
        "text": f"Comment number {n}",
        "parent": "",
        "token": token,
        "homepage": "",
    }


class TestRateLimits:
    @pytest.fixture(autouse=True)
    def limits(self, settings):
        settings.NEWSROOM_RATE_LIMITS = {"comment": "3/60", "like": "2/60", "search": "2/60"}
        settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
        settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0  # the database's own rule, tested elsewhere

    def test_comments_per_client(self, client, article):
        url = reverse("comments:post", args=[article.pk])
        for n in range(3):
            response = client.post(
                url, comment_form(client, article, n, "198.51.100.1"), REMOTE_ADDR="198.51.100.1"
            )
            assert response.status_code == 302
        refused = client.post(
            url, comment_form(client, article, 3, "198.51.100.1"), REMOTE_ADDR="198.51.100.1"
        )
        refused = at_the_form(client, refused, article)
        html = refused.content.decode()
        assert "You are doing that too often" in html
        assert "Comment number 3" in html  # the reader's words come back to them
        assert {"private", "no-store"} <= set(refused["Cache-Control"].split(", "))
        # Another reader is not held up by the first.
        other = client.post(
            url, comment_form(client, article, 4, "198.51.100.2"), REMOTE_ADDR="198.51.100.2"
        )
        assert other.status_code == 302
        assert sorted(Comment.objects.values_list("text", flat=True)) == [
            "Comment number 0",
            "Comment number 1",
            "Comment number 2",
            "Comment number 4",
        ]

    def test_likes_per_client_json_and_html(self, article):
        url = reverse("articles:like", args=[article.pk])
        reader = Client()
        for _ in range(2):
            assert (
                reader.post(url, {"action": "like"}, REMOTE_ADDR="203.0.113.5", **JSON).status_code
                == 200
            )
        refused = reader.post(url, {"action": "unlike"}, REMOTE_ADDR="203.0.113.5", **JSON)
        assert refused.status_code == 429
        assert refused.json() == {
            "error": "You are doing that too often. Please wait a minute and try again."
        }
        assert refused["Retry-After"]
        page = reader.post(url, {"action": "unlike"}, REMOTE_ADDR="203.0.113.5")
        assert page.status_code == 429
        assert "Please wait a moment" in page.content.decode()
        article.refresh_from_db()
        assert article.like_count == 1  # the refused unlike changed nothing
        assert (
            Client().post(url, {"action": "like"}, REMOTE_ADDR="203.0.113.6", **JSON).status_code
            == 200
        )

    def test_search_per_client(self, client, article):
        for _ in range(2):
            assert (
                client.get("/search/", {"q": "ministers"}, REMOTE_ADDR="192.0.2.9").status_code
                == 200
            )
        refused = client.get("/search/", {"q": "ministers"}, REMOTE_ADDR="192.0.2.9")
        assert refused.status_code == 429
        assert "You are doing that too often" in refused.content.decode()
        assert (
            client.get("/search/", {"q": "ministers"}, REMOTE_ADDR="192.0.2.10").status_code == 200
        )

    def test_forwarded_addresses_count_only_from_trusted_proxies(self, client, settings):
        # An untrusted client cannot walk round the limit by inventing addresses.
        for n in range(2):
            client.get(
                "/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
            )
        spoofed = client.get(
            "/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="10.0.0.9"
        )
        assert spoofed.status_code == 429
        # Behind a trusted proxy each forwarded address is its own client.
        settings.NEWSROOM_TRUSTED_PROXIES = ["127.0.0.1"]
        for n in range(3):
            response = client.get(
                "/search/", {"q": "x"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.1.0.{n}"
            )
            assert response.status_code == 200

    def test_limits_live_in_the_shared_cache_and_staff_are_exempt(self, client, editor):
        for _ in range(2):
            client.get("/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.77")
        assert client.get("/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.77").status_code == 429
        cache.clear()  # the window's count is in the cache every process shares
        assert client.get("/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.77").status_code == 200
        client.force_login(editor)
        for _ in range(5):
            assert client.get("/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.77").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_rate_limit_holds_across_server_processes(tmp_path):
    """Four gunicorn workers, one client: the limit is one limit, not one per worker."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://…): a real server cannot reach "
            "the tests' in-memory SQLite database"
        )
    ArticleFactory(published=True, headline="Harbour reopens")
    env = {"NEWSROOM_RATE_LIMIT_SEARCH": "5/600"}
    with gunicorn_server(tmp_path, workers=4, threads=2, extra_env=env) as base:
        parts = urlsplit(base)
        statuses = []
        for _ in range(12):
            server = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            server.request("GET", "/search/?q=harbour", headers={"X-Forwarded-For": "10.9.9.9"})
            statuses.append(server.getresponse().status)
            server.close()
        server = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        server.request("GET", "/search/?q=harbour", headers={"X-Forwarded-For": "10.9.9.10"})
        other = server.getresponse().status
        server.close()
    # The file cache may miss a count when two workers write at once (Redis does
    # not): at least the limit, never much more, and the rest refused.
    assert 5 <= statuses.count(200) <= 7, statuses
    assert statuses[-1] == 429, statuses
    assert other == 200


def post_login(client, username, password=PASSWORD, ip="198.51.100.20", otp_token=None, **meta):
    data = {"username": username, "password": password}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return client.post("/admin/login/?next=/admin/", data, REMOTE_ADDR=ip, **meta)


def logged_in(client):
    return client.get("/admin/", REMOTE_ADDR="198.51.100.20").status_code == 200


class TestLoginLockout:
    @pytest.fixture(autouse=True)
    def limits(self, settings):
        settings.AXES_FAILURE_LIMIT = 3

    def test_repeated_failures_lock_that_username_and_address_for_a_while(self, time_machine):
        UserFactory(username="editor", is_staff=True)
        attacker = Client()
        for _ in range(2):
            assert post_login(attacker, "editor", "wrong").status_code == 200
        # The third wrong password locks this username at this address...
        assert post_login(attacker, "editor", "wrong").status_code == 429
        locked = post_login(attacker, "editor")  # ...even for the right password.
        assert locked.status_code == 429
        assert "Too many attempts" in locked.content.decode()
        assert "15 minutes" in locked.content.decode()
        assert not logged_in(attacker)

        # The editor, at their own address, is not locked out by the attacker.
        editor = Client()
        assert post_login(editor, "editor", ip="203.0.113.40").status_code == 302
        # Nor is anyone else at the attacker's address.
        UserFactory(username="writer", is_staff=True)
        assert post_login(Client(), "writer").status_code == 302

        # The lock lifts by itself after the cool-off.
        time_machine.move_to(timedelta(minutes=16))
        retry = Client()
        assert post_login(retry, "editor").status_code == 302
        assert logged_in(retry)

    def test_forwarded_for_is_believed_only_from_trusted_proxies(self, settings):
        UserFactory(username="editor", is_staff=True)
        client = Client()
        for n in range(3):
            post_login(client, "editor", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        # Rotating made-up addresses does not reset the count.
        assert post_login(client, "editor", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429
        # Behind a trusted proxy, the forwarded address is the client's.
        settings.NEWSROOM_TRUSTED_PROXIES = ["198.51.100.20"]
        assert post_login(client, "editor", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 302


def totp_code(device):
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


class TestTwoFactor:
    def test_staff_with_a_device_must_give_a_code(self, time_machine):
        user = UserFactory(username="editor", is_staff=True)
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        client = Client()
        refused = post_login(client, "editor")
        assert refused.status_code == 200
        assert "Please enter the code from your authenticator app." in refused.content.decode()
        assert not logged_in(client)
        wrong = post_login(
            client, "editor", otp_token=f"{(int(totp_code(device)) + 1) % 10**6:06d}"
        )
        assert "That code is not right" in wrong.content.decode()
        # django-otp pauses a device briefly after a wrong code; a moment later:
        time_machine.move_to(timedelta(seconds=3))
        assert post_login(client, "editor", otp_token=totp_code(device)).status_code == 302
        assert logged_in(client)

    def test_staff_without_a_device_sign_in_with_a_password(self):
        UserFactory(username="writer", is_staff=True)
        client = Client()
        assert post_login(client, "writer").status_code == 302
        assert logged_in(client)

    def test_a_session_from_before_enrolment_must_verify(self):
        user = UserFactory(username="editor", is_staff=True)
        client = Client()
        client.force_login(user)
        assert logged_in(client)
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        assert client.get("/admin/").status_code == 302

    def test_superusers_need_a_second_factor_when_the_setting_is_on(self, settings):
        settings.NEWSROOM_REQUIRE_2FA_FOR_SUPERUSERS = True
        chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(chief)  # a password alone is not enough
        assert client.get("/admin/").status_code == 302
        refused = post_login(client, "chief")
        assert "must use two-factor authentication" in refused.content.decode()
        # Enrolment starts with a recovery code (manage.py addstatictoken chief).
        device = StaticDevice.objects.create(user=chief, name="Recovery", confirmed=True)
        device.token_set.create(token="recover1")
        assert post_login(client, "chief", otp_token="recover1").status_code == 302
        assert logged_in(client)
        # A recovery code works once.
        again = Client()
        assert post_login(again, "chief", otp_token="recover1").status_code == 200
        # Editors are untouched by the superuser rule.
        UserFactory(username="writer", is_staff=True)
        assert post_login(Client(), "writer").status_code == 302

    def test_superusers_sign_in_with_a_password_when_the_setting_is_off(self):
        UserFactory(username="chief", is_staff=True, is_superuser=True)
        client = Client()
        assert post_login(client, "chief").status_code == 302
        assert logged_in(client)
