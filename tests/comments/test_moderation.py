"""Moderation: the spam rules that hold or refuse a comment, and the moderators'
actions, emails and queue."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import moderation
from comments.models import Comment, ModerationWord
from tests.comments.helpers import at_the_form
from tests.helpers.comments import form_data, make_comment, post
from tests.helpers.factories import UserFactory
from tests.helpers.html import text

pytestmark = pytest.mark.django_db


class TestSpamRules:
    def test_two_links_hold(self, client, article):
        make_comment(article, name="Jane Reader", email="jane@example.com")
        text_ = "See https://a.example and www.b.example"
        post(client, article, form_data(client, article, text=text_))
        comment = Comment.objects.get(text=text_)
        assert comment.status == Comment.Status.PENDING
        assert "2 links" in comment.signals

    @pytest.mark.parametrize("field", ["name", "email", "website", "text", "ip", "user_agent"])
    def test_word_lists_match_every_field(self, client, article, field):
        ModerationWord.objects.create(word="Casino", action="spam")
        values = {
            "name": "casino fan",
            "email": "x@casino.example",
            "website": "https://casino.example",
            "text": "Visit the CASINO",
            "ip": "203.0.113.9",
            "user_agent": "CasinoBot/1.0",
        }
        data = form_data(client, article, text=f"Hello {field}")
        extra = {}
        if field == "ip":
            ModerationWord.objects.create(word="203.0.113.", action="spam")
        elif field == "user_agent":
            extra["HTTP_USER_AGENT"] = values[field]
        else:
            data[field] = values[field]
        client.post(
            reverse("comments:post", args=[article.pk]),
            data,
            REMOTE_ADDR=values["ip"] if field == "ip" else "198.51.100.1",
            **extra,
        )
        assert Comment.objects.get().status == Comment.Status.SPAM

    def test_moderation_list_holds_a_returning_commenter(self, client, article):
        make_comment(article, name="Jane Reader", email="jane@example.com")
        ModerationWord.objects.create(word="refund", action="hold")
        post(client, article, form_data(client, article, text="I want a REFUND"))
        comment = Comment.objects.get(text="I want a REFUND")
        assert comment.status == Comment.Status.PENDING
        assert comment.signals == ["moderation list: refund"]

    def test_flood_gets_429_and_keeps_the_text(self, client, article):
        post(client, article, form_data(client, article, text="One"))
        response = post(client, article, form_data(client, article, text="Two, quickly"))
        response = at_the_form(client, response, article)
        assert "too quickly" in text(response)
        assert "Two, quickly" in response.content.decode()
        # Same email from another address, or another email from the same address.
        other = Client()
        response = post(other, article, form_data(other, article, text="Three"), ip="192.0.2.55")
        assert "too quickly" in text(at_the_form(other, response, article))
        response = post(
            other,
            article,
            form_data(other, article, text="Four", email="z@example.com"),
            ip="198.51.100.7",
        )
        assert "too quickly" in text(at_the_form(other, response, article))
        assert Comment.objects.count() == 1

    def test_flood_window_passes(self, client, article, time_machine):
        post(client, article, form_data(client, article, text="One"))
        time_machine.move_to(timezone.now() + timedelta(seconds=16))
        assert post(client, article, form_data(client, article, text="Two")).status_code == 302

    def test_moderators_are_exempt_from_flood_and_approved(self, client, article):
        client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
        post(client, article, form_data(client, article, text="One"))
        assert post(client, article, form_data(client, article, text="Two")).status_code == 302
        assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}

    def test_duplicate_is_stored_once(self, client, article, time_machine):
        post(client, article, form_data(client, article, text="Same words"))
        time_machine.move_to(timezone.now() + timedelta(seconds=30))
        response = post(client, article, form_data(client, article, text="Same   words"))
        assert response.status_code == 302
        assert Comment.objects.count() == 1

    def test_retried_submission_is_stored_once(self, client, article):
        data = form_data(client, article)
        first = post(client, article, data)
        second = post(client, article, data)  # the same form sent again
        assert first["Location"] == second["Location"]
        assert Comment.objects.count() == 1

    def test_honeypot_is_rejected_without_storing(self, client, article):
        response = post(client, article, form_data(client, article, homepage="http://spam"))
        assert response.status_code == 400
        assert "could not accept that comment" in text(response)
        assert not Comment.objects.exists()

    def test_tampered_token_is_rejected(self, client, article):
        data = form_data(client, article)
        data["token"] = data["token"][:-2] + "xx"
        assert post(client, article, data).status_code == 400
        assert not Comment.objects.exists()

    def test_too_fast_is_rejected(self, client, article, settings):
        settings.NEWSROOM_COMMENTS_MIN_SECONDS = 3
        response = post(client, article, form_data(client, article))
        page = at_the_form(client, response, article)
        assert "A thoughtful comment." in page.content.decode()
        assert "press “Post Comment” to send it" in text(page)
        assert not Comment.objects.exists()

    def test_a_day_old_form_asks_to_resubmit_and_keeps_the_text(
        self, client, article, time_machine, settings
    ):
        settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 0
        data = form_data(client, article, text="Written yesterday")
        time_machine.move_to(timezone.now() + timedelta(days=1, minutes=1))
        response = at_the_form(client, post(client, article, data), article)
        assert "send it again" in text(response)
        html = response.content.decode()
        assert "Written yesterday" in html
        new_token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        assert new_token != data["token"]
        assert post(client, article, data | {"token": new_token}).status_code == 302

    def test_stored_details_for_moderators(self, client, article, settings):
        settings.NEWSROOM_TRUSTED_PROXIES = ["127.0.0.1"]
        client.post(
            reverse("comments:post", args=[article.pk]),
            form_data(client, article),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5, 127.0.0.1",
            HTTP_USER_AGENT="Firefox/140",
        )
        comment = Comment.objects.get()
        assert comment.ip_address == "203.0.113.5"
        assert comment.user_agent == "Firefox/140"
        assert comment.submitted_at is not None

    def test_untrusted_forwarded_for_is_ignored(self, client, article):
        client.post(
            reverse("comments:post", args=[article.pk]),
            form_data(client, article),
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
        assert Comment.objects.get().ip_address == "198.51.100.9"


class TestModeration:
    def test_actions_move_states_and_keep_the_count(self, article):
        moderator = UserFactory(is_staff=True, groups=["Moderators"])
        comment = make_comment(article, status="pending")
        assert Article.objects.get(pk=article.pk).comment_count == 0
        moderation.approve(comment, by=moderator)
        assert Article.objects.get(pk=article.pk).comment_count == 1
        assert comment.moderated_by == moderator
        assert comment.moderated_at
        moderation.approve(comment, by=moderator)  # twice: still one
        assert Article.objects.get(pk=article.pk).comment_count == 1
        moderation.mark_spam(comment, by=moderator)
        assert Article.objects.get(pk=article.pk).comment_count == 0
        moderation.restore(comment, by=moderator)
        assert Comment.objects.get().status == "pending"
        moderation.remove(comment)
        assert Comment.objects.get().status == "removed"

    def test_held_comment_emails_moderators_with_working_links(
        self, client, article, django_capture_on_commit_callbacks
    ):
        moderator = UserFactory(is_staff=True, groups=["Moderators"], email="mod@example.com")
        UserFactory(is_staff=True, email="writer@example.com")  # not a moderator
        with django_capture_on_commit_callbacks(execute=True):
            post(client, article, form_data(client, article, text="Please approve me"))
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["mod@example.com"]
        assert "Please approve me" in message.body
        assert "Ministers clash" in message.subject
        approve_url = re.search(r"Approve it: (\S+)", message.body).group(1)
        path = approve_url.replace("http://127.0.0.1:8000", "")
        moderator_client = Client()
        assert moderator_client.get(path).status_code == 302  # to the login page
        moderator_client.force_login(moderator)
        assert "Approve it" in moderator_client.get(path).content.decode()
        assert Comment.objects.get().status == "pending"  # a GET changes nothing
        assert moderator_client.post(path).status_code == 302
        assert Comment.objects.get().status == "approved"
        assert "Please approve me" in text(Client().get(article.get_absolute_url()))

    def test_approved_comment_sends_no_email(
        self, client, article, django_capture_on_commit_callbacks
    ):
        UserFactory(is_staff=True, groups=["Moderators"], email="mod@example.com")
        make_comment(article, name="Jane Reader", email="jane@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            post(client, article, form_data(client, article, text="Second"))
        assert mail.outbox == []

    def test_readers_and_writers_cannot_moderate(self, client, article):
        comment = make_comment(article, status="pending")
        path = reverse("comments:moderate", args=[comment.pk, "approve"])
        assert client.post(path).status_code == 302  # login
        client.force_login(UserFactory(is_staff=True))
        assert client.post(path).status_code == 403
        assert client.get(reverse("admin:comments_comment_changelist")).status_code == 403
        assert Comment.objects.get().status == "pending"

    def test_moderator_cannot_edit_articles(self, client):
        client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
        assert client.get(reverse("admin:articles_article_add")).status_code == 403
        assert client.get(reverse("admin:comments_comment_changelist")).status_code == 200

    def test_admin_queue_pending_first_search_and_bulk_actions(self, client, article):
        approved = make_comment(article, text="Old approved", email="a@example.com")
        pending = make_comment(
            article,
            status="pending",
            text="Needs a look",
            email="b@example.com",
            ip_address="203.0.113.77",
        )
        client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
        url = reverse("admin:comments_comment_changelist")
        html = client.get(url).content.decode()
        assert html.index("Needs a look") < html.index("Old approved")
        assert "Ministers clash" in html
        assert "Needs a look" in client.get(url, {"q": "203.0.113.77"}).content.decode()
        assert "Old approved" not in client.get(url, {"q": "203.0.113.77"}).content.decode()
        for action, state in [
            ("spam_comments", "spam"),
            ("restore_comments", "pending"),
            ("approve_comments", "approved"),
            ("remove_comments", "removed"),
        ]:
            response = client.post(url, {"action": action, "_selected_action": [pending.pk]})
            assert response.status_code == 302
            assert Comment.objects.get(pk=pending.pk).status == state
        assert Comment.objects.get(pk=approved.pk).status == "approved"

    def test_pending_count_on_admin_index(self, client, article):
        make_comment(article, status="pending")
        make_comment(article, status="pending", email="x@example.com", text="Another")
        client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
        assert "2 comments awaiting moderation" in text(client.get(reverse("admin:index")))

    def test_word_lists_are_editable_in_the_admin(self, client):
        client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
        response = client.post(
            reverse("admin:comments_moderationword_add"), {"word": "casino", "action": "spam"}
        )
        assert response.status_code == 302
        assert ModerationWord.objects.get().word == "casino"

    def test_editors_moderate_too(self, editor_client, article):
        comment = make_comment(article, status="pending")
        path = reverse("comments:moderate", args=[comment.pk, "approve"])
        assert editor_client.post(path).status_code == 302
        assert Comment.objects.get().status == "approved"
