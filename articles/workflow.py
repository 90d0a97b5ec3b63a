"""
The editorial workflow: Draft → In review → Published (or Scheduled, when the
publish time is still to come) → Unpublished. One function per transition,
used by the admin's buttons and actions and by the tests. Each checks the
person's permission on the server, records an audit entry and a revision.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article, ArticleEvent

Status = Article.Status


def can_publish(user):
    return user.has_perm("articles.publish_article")


def is_own(user, article):
    return article.created_by_id == user.pk or any(
        byline.author.user_id == user.pk for byline in article.bylines.all()
    )


def can_edit(user, article):
    """Editors edit everything; writers their own articles until they are published."""
    if not user.has_perm("articles.change_article"):
        return False
    if can_publish(user):
        return True
    return is_own(user, article) and article.status in {Status.DRAFT, Status.REVIEW}


def can_view(user, article):
    """Seeing an unpublished article: editors, and writers for their own."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if can_publish(user):
        return user.has_perm("articles.change_article")
    return user.has_perm("articles.change_article") and is_own(user, article)


def record(article, user, action, note=""):
    return ArticleEvent.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        action=action,
        note=note,
    )


def _revision(article, user, comment):
    import reversion

    with reversion.create_revision():
        article.save()
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)


@transaction.atomic
def submit(article, user):
    """A writer hands the article to the editors."""
    if not can_edit(user, article):
        raise PermissionDenied("You cannot submit this article.")
    if article.status != Status.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    article.status = Status.REVIEW
    _revision(article, user, "Submitted for review")
    record(article, user, ArticleEvent.Action.SUBMITTED)
    return article


@transaction.atomic
def send_back(article, user, note):
    """An editor returns the article to its writer with a note on what to change."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can send an article back.")
    if article.status != Status.REVIEW:
        raise ValidationError("Only an article in review can be sent back.")
    if not note.strip():
        raise ValidationError("Say what should change: the note goes to the writer.")
    article.status = Status.DRAFT
    _revision(article, user, f"Sent back: {note}")
    record(article, user, ArticleEvent.Action.SENT_BACK, note)
    return article


@transaction.atomic
def publish(article, user, at=None):
    """Publish now, or schedule for `at` (a future time): it goes live by itself."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can publish.")
    now = timezone.now()
    if at is not None:
        article.published_at = at
    elif article.published_at is None or article.status != Status.PUBLISHED:
        # Publishing now; a scheduled article keeps its time unless one is given.
        article.published_at = (
            article.published_at if article.published_at and article.published_at > now else now
        )
    if article.unpublish_at and article.unpublish_at <= article.published_at:
        article.unpublish_at = None
    article.status = Status.PUBLISHED
    scheduled = article.published_at > now
    _revision(article, user, "Scheduled" if scheduled else "Published")
    record(
        article,
        user,
        ArticleEvent.Action.SCHEDULED if scheduled else ArticleEvent.Action.PUBLISHED,
        f"for {timezone.localtime(article.published_at):%d %b %Y %H:%M}" if scheduled else "",
    )
    return article


@transaction.atomic
def unpublish(article, user):
    """Take the article off the site (it keeps its history and can be published again)."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can unpublish.")
    article.status = Status.UNPUBLISHED
    _revision(article, user, "Unpublished")
    record(article, user, ArticleEvent.Action.UNPUBLISHED)
    return article
