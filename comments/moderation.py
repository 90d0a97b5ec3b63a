"""
The moderation policy: one function per action, shared by the site, the admin,
the emailed moderation links and the tests.

`submit` decides what happens to a new comment; `approve`, `mark_spam`, `remove`
and `restore` move a comment between states. The article's approved-comment
counter changes only here, inside the same transaction as the state change.
"""

import logging
import re
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from articles import pagekeys
from articles.models import Article
from pagecache.signals import content_changed

from .models import Comment, ModerationWord

logger = logging.getLogger(__name__)
URL_RE = re.compile(r"(https?://|www\.)", re.IGNORECASE)


class Refused(Exception):
    """The comment was not stored. `status` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CommentsClosed(Refused):
    status = 403


class TooFast(Refused):
    status = 429


def comments_open(article, now=None):
    """Comments are open on a public article with comments enabled, for N days."""
    if not article.comments_enabled or not article.is_public:
        return False
    days = settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS
    return not days or article.published_at >= (now or timezone.now()) - timedelta(days=days)


def can_moderate(user):
    return bool(user and user.is_authenticated and user.has_perm("comments.moderate_comment"))


def _haystack(comment):
    return "\n".join(
        [
            comment.name,
            comment.email,
            comment.website,
            comment.text,
            comment.ip_address or "",
            comment.user_agent,
        ]
    ).lower()


def decide(comment):
    """The state a new comment starts in, and the signals behind it."""
    haystack = _haystack(comment)
    words = list(ModerationWord.objects.values_list("word", "action"))
    spam = [word for word, action in words if action == "spam" and word.lower() in haystack]
    if spam:
        return Comment.Status.SPAM, [f"disallowed: {word}" for word in spam]
    signals = [
        f"moderation list: {word}"
        for word, action in words
        if action == "hold" and word.lower() in haystack
    ]
    links = len(URL_RE.findall(comment.text))
    if links >= settings.NEWSROOM_COMMENTS_HOLD_LINKS:
        signals.append(f"{links} links")
    if signals:
        return Comment.Status.PENDING, signals
    policy = settings.NEWSROOM_COMMENTS_POLICY
    if policy == "approve_all":
        return Comment.Status.APPROVED, []
    if policy == "hold_first" and (
        Comment.objects.visible()
        .filter(name__iexact=comment.name.strip(), email__iexact=comment.email.strip())
        .exists()
    ):
        return Comment.Status.APPROVED, []
    return Comment.Status.PENDING, ["first comment" if policy == "hold_first" else "held"]


def submit(
    *,
    article,
    name,
    email,
    text,
    website="",
    parent=None,
    ip_address=None,
    user_agent="",
    idempotency_key=None,
    moderator=False,
):
    """Store a reader's comment once, or refuse it. Returns (comment, created).

    A retried submission (same idempotency key) or a duplicate (same article,
    reply-to, email and text) returns the comment already stored. The database's
    UNIQUE constraints settle races between two requests carrying the same one.
    """
    now = timezone.now()
    _check_open(article, parent, now)
    existing = _existing(article, parent, email, text, idempotency_key)
    if existing is not None:
        return existing, False
    if not moderator:
        _check_flood(email, ip_address, now)
    comment = Comment(
        article=article,
        parent=parent,
        name=name.strip(),
        email=email.strip(),
        website=website.strip(),
        text=text.strip(),
        ip_address=ip_address,
        user_agent=user_agent[:500],
        submitted_at=now,
        idempotency_key=idempotency_key,
    )
    if moderator:
        comment.status, comment.signals = Comment.Status.APPROVED, ["by a moderator"]
    else:
        comment.status, comment.signals = decide(comment)
    try:
        with transaction.atomic():
            comment.save()
            if comment.status == Comment.Status.APPROVED:
                _count(article.pk, +1)
    except IntegrityError:
        existing = _existing(article, parent, email, text, idempotency_key)
        if existing is None:
            raise
        return existing, False
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notify_moderators(comment))
    return comment, True


def _check_open(article, parent, now):
    """Refuse a comment on a closed article, or a reply no reader could post."""
    if not comments_open(article, now):
        raise CommentsClosed("Comments are closed on this article.")
    if parent is not None:
        if parent.article_id != article.pk or parent.status != Comment.Status.APPROVED:
            raise Refused("The comment you replied to is not available.")
        if parent.depth >= settings.NEWSROOM_COMMENTS_MAX_DEPTH:
            raise Refused("Replies cannot be nested any deeper here.")


def _check_flood(email, ip_address, now):
    """Refuse a second comment from the same address or email within the flood window."""
    window = now - timedelta(seconds=settings.NEWSROOM_COMMENTS_FLOOD_SECONDS)
    who = Q(email__iexact=email.strip())
    if ip_address:
        who |= Q(ip_address=ip_address)
    if Comment.objects.filter(who, submitted_at__gte=window).exists():
        raise TooFast("You are commenting too quickly. Please wait a few seconds and post again.")


def _existing(article, parent, email, text, idempotency_key):
    fingerprint = Comment.make_fingerprint(article.pk, parent.pk if parent else None, email, text)
    lookup = Q(fingerprint=fingerprint)
    if idempotency_key:
        lookup |= Q(idempotency_key=idempotency_key)
    return Comment.objects.filter(lookup).first()


def _count(article_id, delta):
    Article.objects.filter(pk=article_id).update(comment_count=F("comment_count") + delta)
    # Approved comments show on the article and in its cards' counts; the
    # front page counts them.
    content_changed.send(sender=Comment, keys=[pagekeys.comments(article_id), pagekeys.POPULAR])


def _move(comment, status, by):
    """Change a comment's state, keeping the article's counter exact."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        old = locked.status
        locked.status = status
        locked.moderated_by = by if by is not None and by.is_authenticated else None
        locked.moderated_at = timezone.now()
        locked.save(update_fields=["status", "moderated_by", "moderated_at"])
        delta = (status == Comment.Status.APPROVED) - (old == Comment.Status.APPROVED)
        if delta:
            _count(locked.article_id, delta)
    comment.status, comment.moderated_by, comment.moderated_at = (
        locked.status,
        locked.moderated_by,
        locked.moderated_at,
    )
    return comment


def approve(comment, by=None):
    """Publish the comment."""
    return _move(comment, Comment.Status.APPROVED, by)


def mark_spam(comment, by=None):
    """Hide the comment as spam (kept for the record and for spotting patterns)."""
    return _move(comment, Comment.Status.SPAM, by)


def remove(comment, by=None):
    """Hide the comment; nothing is deleted, and it can be restored."""
    return _move(comment, Comment.Status.REMOVED, by)


def restore(comment, by=None):
    """Put a spam or removed comment back in the queue as pending."""
    return _move(comment, Comment.Status.PENDING, by)


ACTIONS = {"approve": approve, "spam": mark_spam, "remove": remove, "restore": restore}
# What each action is called on a button ("Trash", as WordPress says), and how the
# admin tells that it is done: "Approved 2 comments."
LABELS = {"approve": "Approve", "spam": "Spam", "remove": "Trash", "restore": "Restore"}
DONE = {
    "approve": "Approved {}.",
    "spam": "Marked {} as spam.",
    "remove": "Moved {} to the trash.",
    "restore": "Restored {} to pending.",
}
# What applies to a comment in each state (the others would change nothing).
OFFERED = {
    Comment.Status.PENDING: ("approve", "spam", "remove"),
    Comment.Status.APPROVED: ("spam", "remove"),
    Comment.Status.SPAM: ("approve", "restore", "remove"),
    Comment.Status.REMOVED: ("approve", "restore", "spam"),
}


def done_message(action, count):
    return DONE[action].format(f"{count} comment{'' if count == 1 else 's'}")


def reply(comment, *, text, by, name, email):
    """A moderator answers `comment` as the site: published at once, under the
    site's name. A comment still waiting is approved first (replying to it is
    vouching for it). Raises Refused where no reply can go (comments closed,
    nested too deep, no text)."""
    if not text.strip():
        raise Refused("Write the reply first.")
    if not comments_open(comment.article):
        raise CommentsClosed("Comments are closed on this article.")
    if comment.depth >= settings.NEWSROOM_COMMENTS_MAX_DEPTH:
        raise Refused("Replies cannot be nested any deeper here.")
    if comment.status != Comment.Status.APPROVED:
        approve(comment, by=by)
    created, _ = submit(
        article=comment.article,
        parent=comment,
        name=name,
        email=email,
        text=text,
        moderator=True,
    )
    created.moderated_by, created.moderated_at = by, timezone.now()
    created.save(update_fields=["moderated_by", "moderated_at"])
    return created


def moderators():
    """Everyone who may moderate, with an email address."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="moderate_comment")
            | Q(user_permissions__codename="moderate_comment")
        )
        .distinct()
    )


def notify_moderators(comment):
    """Email moderators that a comment is waiting, with links to act on it."""
    recipients = [user.email for user in moderators()]
    if not recipients:
        return 0
    base = settings.NEWSROOM_SITE_URL

    def link(action):
        return base + reverse("comments:moderate", args=[comment.pk, action])

    body = "\n".join(
        [
            f"A comment on “{comment.article.headline}” is waiting for moderation.",
            "",
            f"From: {comment.name} <{comment.email}>"
            + (f" ({comment.website})" if comment.website else ""),
            f"IP address: {comment.ip_address or 'unknown'}",
            f"Held because: {', '.join(comment.signals) or 'policy'}",
            "",
            comment.text,
            "",
            f"Approve it: {link('approve')}",
            f"Mark it as spam: {link('spam')}",
            f"Remove it: {link('remove')}",
            f"All pending comments: {base}{reverse('admin:comments_comment_changelist')}"
            "?status__exact=pending",
        ]
    )
    try:
        return send_mail(
            subject=f"[{settings.NEWSROOM_SITE_NAME}] Comment awaiting moderation: "
            f"{comment.article.headline}"[:200],
            message=body,
            from_email=None,
            recipient_list=recipients,
        )
    except (OSError, smtplib.SMTPException):
        # The comment is stored and in the queue; a mail outage must not lose it.
        logger.exception("Could not email moderators about comment %s", comment.pk)
        return 0


def anonymise_ips(days=None, now=None):
    """Blank out the last part of IP addresses on comments older than N days.

    IPv4 keeps its /24 network, IPv6 its /48: enough to see a pattern of abuse,
    no longer enough to point at a person. Returns the number of comments changed.
    """
    import ipaddress

    days = settings.NEWSROOM_COMMENTS_ANONYMISE_AFTER_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    changed = 0
    rows = Comment.objects.filter(submitted_at__lt=cutoff, ip_address__isnull=False)
    for pk, address in rows.values_list("pk", "ip_address").iterator(chunk_size=2000):
        ip = ipaddress.ip_address(address)
        prefix = 24 if ip.version == 4 else 48
        network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
        masked = str(network.network_address)
        if masked != address:
            Comment.objects.filter(pk=pk).update(ip_address=masked)
            changed += 1
    return changed
