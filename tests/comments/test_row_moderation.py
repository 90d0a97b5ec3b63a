"""One-click moderation on each row of the admin's comment list (comments/admin_rows.py):
Approve, Spam, Trash and Reply as the site, each through comments/moderation.py."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.helpers.comments import make_comment
from tests.helpers.factories import ArticleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("admin:comments_comment_changelist")


def moderate_url(comment, back=LIST):
    return reverse("admin:comments_comment_moderate", args=[comment.pk]) + f"?next={back}"


class Buttons(HTMLParser):
    """The row buttons of the list: (comment moderation address, value, label)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" and attrs.get("name") == "moderate":
            self._open = [attrs.get("formaction"), attrs.get("value"), ""]
        elif tag == "a" and attrs.get("data-moderate-key") == "r":
            self.found.append((attrs["href"], "reply", "Reply"))

    def handle_data(self, data):
        if self._open:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == "button" and self._open:
            self.found.append(tuple(self._open))
            self._open = None


def buttons(response):
    parser = Buttons()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_each_row_offers_what_applies_to_its_comment(moderator_client, article):
    pending = make_comment(article, status=Comment.Status.PENDING, text="Held one")
    approved = make_comment(article, text="Shown one", email="b@example.com")
    found = buttons(moderator_client.get(LIST + "?o=1"))
    by_comment = {}
    for address, value, label in found:
        pk = int(address.split("/comment/")[1].split("/")[0])
        by_comment.setdefault(pk, []).append((value, label))
    assert by_comment[pending.pk] == [
        ("approve", "Approve"), ("spam", "Spam"), ("remove", "Trash"), ("reply", "Reply"),
    ]  # fmt: skip
    assert by_comment[approved.pk] == [("spam", "Spam"), ("remove", "Trash"), ("reply", "Reply")]
    assert all(address.split("?")[1].startswith("next=") for address, _, _ in found)


def test_approve_one_comment_in_one_click(moderator_client, moderator, article):
    comment = make_comment(article, status=Comment.Status.PENDING)
    back = LIST + "?status__exact=pending"
    response = moderator_client.post(moderate_url(comment, back), {"moderate": "approve"})
    assert response.status_code == 302
    assert response["Location"] == back
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert Article.objects.get(pk=article.pk).comment_count == 1
    page = moderator_client.get(back)
    assert "Approved 1 comment." in [str(m) for m in page.context["messages"]]


@pytest.mark.parametrize(
    ("action", "state", "said"),
    [
        ("spam", Comment.Status.SPAM, "Marked 1 comment as spam."),
        ("remove", Comment.Status.REMOVED, "Moved 1 comment to the trash."),
    ],
)
def test_spam_and_trash_one_comment(moderator_client, article, action, state, said):
    comment = make_comment(article)
    response = moderator_client.post(moderate_url(comment), {"moderate": action}, follow=True)
    comment.refresh_from_db()
    assert comment.status == state
    assert Article.objects.get(pk=article.pk).comment_count == 0
    assert said in [str(m) for m in response.context["messages"]]


def test_the_buttons_post_with_the_lists_csrf_token(moderator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    comment = make_comment(ArticleFactory(published=True), status=Comment.Status.PENDING)
    assert client.post(moderate_url(comment), {"moderate": "approve"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    page = client.get(LIST)
    token = page.cookies["csrftoken"].value
    client.post(moderate_url(comment), {"moderate": "approve", "csrfmiddlewaretoken": token})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_reply_as_the_site_approves_and_answers(moderator_client, article, settings):
    comment = make_comment(article, status=Comment.Status.PENDING, name="Maya")
    page = moderator_client.get(moderate_url(comment))
    assert page.status_code == 200
    assert f"Reply as {settings.NEWSROOM_SITE_NAME}" in page.content.decode()
    response = moderator_client.post(
        moderate_url(comment), {"moderate": "reply", "text": "Thank you, corrected."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    reply = Comment.objects.get(parent=comment)
    assert comment.status == reply.status == Comment.Status.APPROVED
    assert reply.name == settings.NEWSROOM_SITE_NAME
    assert reply.text == "Thank you, corrected."
    assert Article.objects.get(pk=article.pk).comment_count == 2
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "Thank you, corrected." in public


def test_a_refused_reply_keeps_its_text_and_changes_nothing(moderator_client, article):
    comment = make_comment(article, status=Comment.Status.PENDING)
    Article.objects.filter(pk=article.pk).update(comments_enabled=False)
    response = moderator_client.post(
        moderate_url(comment), {"moderate": "reply", "text": "Words to keep"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Comments are closed on this article." in text
    assert "Words to keep" in text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not Comment.objects.filter(parent=comment).exists()


def test_back_only_to_this_site(moderator_client, article):
    comment = make_comment(article)
    response = moderator_client.post(
        moderate_url(comment, "https://evil.example/"), {"moderate": "spam"}
    )
    assert response["Location"] == LIST


def test_writers_cannot_moderate(writer_client, article):
    comment = make_comment(article, status=Comment.Status.PENDING)
    assert writer_client.post(moderate_url(comment), {"moderate": "approve"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_bulk_actions_are_kept_and_say_how_many(moderator_client, article):
    comments = [
        make_comment(article, status=Comment.Status.PENDING, email=f"{n}@example.com")
        for n in range(2)
    ]
    response = moderator_client.post(
        LIST,
        {"action": "approve_comments", "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert "Approved 2 comments." in [str(m) for m in response.context["messages"]]
    labels = dict(response.context["action_form"].fields["action"].choices)
    assert labels["spam_comments"] == "Mark the selected comments as spam"
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 2
