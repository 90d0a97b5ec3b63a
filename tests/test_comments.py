import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import moderation
from comments.models import Comment, ModerationWord

from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    # The "too fast" rule has its own tests; elsewhere a form may be sent at once.
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0


@pytest.fixture
def article():
    return ArticleFactory(published=True, headline="Ministers clash")


def text(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def form_data(client, article, query="", **fields):
    html = client.get(article.get_absolute_url() + query).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = {
        "name": "Jane Reader",
        "email": "jane@example.com",
        "website": "",
        "text": "A thoughtful comment.",
        "parent": "",
        "token": token,
        "homepage": "",
    }
    data.update(fields)
    return data


def post(client, article, data, ip="198.51.100.7"):
    return client.post(reverse("comments:post", args=[article.pk]), data, REMOTE_ADDR=ip)


def make_comment(article, status=Comment.Status.APPROVED, **fields):
    values = {"name": "Reader", "email": "reader@example.com", "text": "Hello"} | fields
    comment, _ = moderation.submit(article=article, moderator=True, **values)
    # Made an hour ago, so the flood rule does not see it.
    comment.submitted_at -= timedelta(hours=1)
    comment.save(update_fields=["submitted_at"])
    if status != Comment.Status.APPROVED:
        moderation.ACTIONS[{"pending": "restore", "spam": "spam", "removed": "remove"}[status]](
            comment
        )
    return comment


class TestReaderPosts:
    def test_first_comment_is_held_and_shown_only_to_its_author(self, client, article):
        response = post(client, article, form_data(client, article))
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
        assert comment.status == Comment.Status.PENDING
        page = text(client.get(article.get_absolute_url()))
        assert "awaiting moderation" in page
        assert "Your comment is awaiting moderation. A thoughtful comment." in page
        other = text(Client().get(article.get_absolute_url()))
        assert "A thoughtful comment." not in other
        assert "No comments yet" in other

    def test_returning_commenter_is_approved_at_once(self, client, article):
        make_comment(article, name="Jane Reader", email="JANE@example.com", text="Earlier")
        post(client, article, form_data(client, article, text="Second time"))
        comment = Comment.objects.get(text="Second time")
        assert comment.status == Comment.Status.APPROVED
        assert Article.objects.get(pk=article.pk).comment_count == 2
        assert "2 comments" in text(Client().get(article.get_absolute_url()))

    @pytest.mark.parametrize(
        ("policy", "expected"), [("hold_all", "pending"), ("approve_all", "approved")]
    )
    def test_policy_setting(self, client, article, settings, policy, expected):
        settings.NEWSROOM_COMMENTS_POLICY = policy
        make_comment(article, name="Jane Reader", email="jane@example.com", text="Earlier")
        post(client, article, form_data(client, article, text="Again"))
        assert Comment.objects.get(text="Again").status == expected

    def test_errors_keep_every_word_and_say_what_is_wrong(self, client, article):
        long_text = "w" * 5001
        data = form_data(
            client, article, name="", email="not-an-email", text=long_text, website="x" * 201
        )
        response = post(client, article, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert long_text in html  # nothing cut
        assert "This field is required." in html
        assert "Enter a valid email address." in html
        assert "Ensure this value has at most 5000 characters (it has 5001)." in html
        assert "at most 200 characters" in html
        assert "your comment has been kept" in html
        assert "maxlength" not in html.split('id="respond"')[1]
        assert not Comment.objects.exists()
        assert "no-store" in response["Cache-Control"]

    def test_limits_are_exact(self, client, article):
        data = form_data(
            client, article, name="n" * 100, text="t" * 5000, email=("e" * 242) + "@example.com"
        )
        assert len(data["email"]) == 254
        assert post(client, article, data).status_code == 302
        comment = Comment.objects.get()
        assert len(comment.text) == 5000
        assert len(comment.name) == 100

    def test_text_is_plain_escaped_with_paragraphs_and_safe_links(self, client, article):
        make_comment(
            article,
            text="<script>alert(1)</script> <b>bold</b>\n\nSee https://example.org/x"
            " and javascript:alert(1)",
        )
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in html
        assert '<a href="https://example.org/x" rel="nofollow ugc noopener">' in html
        assert 'href="javascript:' not in html
        assert "</p><p>See" in html

    def test_website_link_is_nofollow(self, client, article):
        make_comment(article, website="https://jane.example.org")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<a href="https://jane.example.org" rel="nofollow ugc noopener">Reader</a>' in html

    def test_email_is_never_shown(self, client, article):
        make_comment(article, email="secret-address@example.com")
        assert "secret-address" not in client.get(article.get_absolute_url()).content.decode()


# Characters a reader cannot see: bidirectional controls, which show text in
# another order than it is stored ("\u202egnp.exe" reads "exe.png"), and
# zero-width and other format or control characters, which make a name look
# like another ("Admin\u200b").
HIDDEN = [
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad\x07\x1b",
]


class TestHiddenCharacters:
    @pytest.mark.parametrize("char", HIDDEN, ids=lambda char: f"U+{ord(char):04X}")
    def test_names_lose_them(self, client, article, settings, char):
        settings.NEWSROOM_COMMENTS_POLICY = "approve_all"
        data = form_data(client, article, name=f"{char}Ad{char}min{char}")
        assert post(client, article, data).status_code == 302
        assert Comment.objects.get().name == "Admin"
        html = Client().get(article.get_absolute_url()).content.decode()
        assert re.search(r'class="comment-author"[^>]*>Admin</p>', html)
        assert char not in html

    def test_a_reversed_file_name_reads_as_stored(self, client, article, settings):
        settings.NEWSROOM_COMMENTS_POLICY = "approve_all"
        post(client, article, form_data(client, article, name="\u202egnp.exe"))
        assert Comment.objects.get().name == "gnp.exe"

    def test_ordinary_names_are_kept(self, client, article):
        name = "Zoë O’Brien-Nakamura 中村 علي"
        assert post(client, article, form_data(client, article, name=name)).status_code == 302
        assert Comment.objects.get().name == name

    def test_a_name_of_nothing_visible_is_refused_and_the_comment_kept(self, client, article):
        data = form_data(client, article, name="\u200b\u202e \u2060", text="Words to keep.")
        response = post(client, article, data)
        assert response.status_code == 400
        assert "Please write a name people can see." in text(response)
        assert "Words to keep." in response.content.decode()
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("char", HIDDEN, ids=lambda char: f"U+{ord(char):04X}")
    def test_a_website_with_them_is_refused_and_kept(self, client, article, char):
        website = f"https://jane.example.org/{char}gnp.exe"
        data = form_data(client, article, website=website, text="Words to keep.")
        response = post(client, article, data)
        assert response.status_code == 400
        assert not Comment.objects.exists()
        page = text(response)
        assert f"U+{ord(char):04X}" in page
        assert "web address holds a character nobody can see" in page
        html = response.content.decode()
        assert "Words to keep." in html
        website_input = re.search(r'<input [^>]*name="website"[^>]*>', html).group(0)
        assert 'value="https://jane.example.org/' in website_input
        assert 'aria-invalid="true"' in website_input

    def test_a_plain_website_is_kept(self, client, article):
        data = form_data(client, article, website="https://jane.example.org/about")
        assert post(client, article, data).status_code == 302
        assert Comment.objects.get().website == "https://jane.example.org/about"


class TestThreads:
    def test_replies_are_threaded_oldest_first_with_permalinks(self, client, article):
        first = make_comment(article, text="FirstC", email="a@example.com")
        second = make_comment(article, text="SecondC", email="b@example.com")
        reply = make_comment(article, text="ReplyC", parent=first, email="c@example.com")
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.index("FirstC") < html.index("ReplyC") < html.index("SecondC")
        assert f'id="comment-{reply.pk}"' in html
        assert f'href="#comment-{second.pk}"' in html
        assert '<ol class="comment-children">' in html

    def test_reply_form_goes_under_the_comment_without_javascript(self, client, article):
        first = make_comment(article, text="First")
        html = client.get(article.get_absolute_url() + f"?replyto={first.pk}").content.decode()
        assert html.index(f'id="comment-{first.pk}"') < html.index('id="respond"')
        assert "Reply to Reader" in html
        assert f'name="parent" value="{first.pk}"' in html
        data = form_data(client, article, query=f"?replyto={first.pk}", parent=str(first.pk))
        post(client, article, data)
        assert Comment.objects.get(text="A thoughtful comment.").parent == first

    def test_depth_is_limited(self, client, article, settings):
        settings.NEWSROOM_COMMENTS_MAX_DEPTH = 2
        top = make_comment(article, text="Top", email="a@example.com")
        reply = make_comment(article, text="Reply", parent=top, email="b@example.com")
        html = client.get(article.get_absolute_url()).content.decode()
        assert f"?replyto={top.pk}" in html
        assert f"?replyto={reply.pk}" not in html
        response = post(client, article, form_data(client, article, parent=str(reply.pk)))
        assert response.status_code == 400
        assert "cannot be nested any deeper" in text(response)

    def test_replies_to_hidden_comments_are_hidden(self, client, article):
        top = make_comment(article, text="Top")
        make_comment(article, text="Orphan reply", parent=top, email="b@example.com")
        moderation.remove(top)
        assert "Orphan reply" not in text(client.get(article.get_absolute_url()))


class TestClosing:
    def test_closed_by_flag(self, client, article):
        data = form_data(client, article)
        Article.objects.filter(pk=article.pk).update(comments_enabled=False)
        page = text(client.get(article.get_absolute_url()))
        assert "Comments are closed." in page
        assert "Leave a Reply" not in page
        response = post(client, article, data)
        assert response.status_code == 403
        assert "A thoughtful comment." in response.content.decode()  # their words, to keep
        assert not Comment.objects.exists()

    def test_closed_after_n_days(self, client, article, settings, time_machine):
        settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 30
        data = form_data(client, article)
        time_machine.move_to(timezone.now() + timedelta(days=31))
        assert "Comments are closed." in text(client.get(article.get_absolute_url()))
        response = post(client, article, data)
        assert response.status_code == 403
        assert "Comments are closed on this article." in text(response)

    def test_drafts_take_no_comments(self, client):
        draft = ArticleFactory()
        response = client.post(reverse("comments:post", args=[draft.pk]), {})
        assert response.status_code == 404

    def test_get_is_not_allowed(self, client, article):
        assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


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
        assert response.status_code == 429
        assert "too quickly" in text(response)
        assert "Two, quickly" in response.content.decode()
        # Same email from another address, or another email from the same address.
        other = Client()
        assert (
            post(
                other, article, form_data(other, article, text="Three"), ip="192.0.2.55"
            ).status_code
            == 429
        )
        assert (
            post(
                other,
                article,
                form_data(other, article, text="Four", email="z@example.com"),
                ip="198.51.100.7",
            ).status_code
            == 429
        )
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
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_a_day_old_form_asks_to_resubmit_and_keeps_the_text(
        self, client, article, time_machine, settings
    ):
        settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 0
        data = form_data(client, article, text="Written yesterday")
        time_machine.move_to(timezone.now() + timedelta(days=1, minutes=1))
        response = post(client, article, data)
        assert response.status_code == 400
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


def test_anonymise_old_ips(article, time_machine, capsys, settings):
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 0  # 0: comments never close
    old = make_comment(article, ip_address="203.0.113.77", text="Old")
    old6 = make_comment(
        article, ip_address="2001:db8:abcd:12::1", text="Old six", email="six@example.com"
    )
    time_machine.move_to(timezone.now() + timedelta(days=31))
    new = make_comment(article, ip_address="198.51.100.23", text="New", email="new@example.com")
    call_command("anonymise_comment_ips")
    assert "2 comment(s)" in capsys.readouterr().out
    assert Comment.objects.get(pk=old.pk).ip_address == "203.0.113.0"
    assert Comment.objects.get(pk=old6.pk).ip_address == "2001:db8:abcd::"
    assert Comment.objects.get(pk=new.pk).ip_address == "198.51.100.23"


def test_article_page_queries_do_not_grow_with_comments(
    client, article, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return len(queries)

    make_comment(article, text="only one")
    few = count()
    for i in range(15):
        parent = make_comment(article, text=f"c{i}", email=f"c{i}@example.com")
        make_comment(article, text=f"r{i}", email=f"r{i}@example.com", parent=parent)
    assert count() == few


def test_comment_counts_on_cards_without_extra_queries(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        return len(queries), response

    articles = [ArticleFactory(published=True) for _ in range(3)]
    before, _ = count()
    for n, article in enumerate(articles):
        for i in range(n + 1):
            make_comment(article, text=f"c{i}", email=f"c{n}-{i}@example.com")
    after, response = count()
    assert after == before
    page = text(response)
    assert "1 comment" in page
    assert "3 comments" in page
