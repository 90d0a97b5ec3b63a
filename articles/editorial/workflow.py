"""
The one gate for every change to an article: Draft → In review → Published (or
Scheduled, when the publish time is still to come) → Unpublished.

Everything that saves an article's state goes through `save()`: the admin's
change form, the bulk actions (`submit`, `send_back`, `publish`, `unpublish`),
`restore` of a revision, and the WordPress import and demo content (`imported`). `save()` locks
the stored row, asks `articles/editorial/permissions.py` whether this person may
make this change (to the article as it is stored, not as the form shows it),
then saves, keeps a revision and writes the audit trail, in one transaction.
django-reversion's own recover and revision-edit views are not used: they
write old versions straight to the table and cannot be guarded.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import times

from .. import blocks
from ..models import Article, ArticleEvent
from . import permissions

Status = Article.Status
Action = ArticleEvent.Action

# What `restore` takes from the version: the article's words and what it shows.
# Its state, times, counters and ownership stay as they are now: restoring an
# old version never publishes, unpublishes or schedules anything.
KEPT_ON_RESTORE = [
    "status",
    "published_at",
    "unpublish_at",
    "updated_at",
    "created_at",
    "created_by_id",
    "preview_key",
    "like_count",
    "comment_count",
    "version",
]


# A draft needs only a headline. What it needs before it goes to the editors or to
# readers, with the form's own message on each field.
REQUIRED = "This field is required."
NEEDED_BEYOND_DRAFT = ("standfirst", "section", "authors")


def missing(article, *, authors=None):
    """What `article` lacks for its state, as {field: message}: nothing for a
    draft; a standfirst, a section and (when `authors`, the number in its byline
    as it will be saved, is given) an author for every other state.

    The change form asks this for its fields and its byline rows; `check()`
    asks it again before any save, and the save asks once more with the byline
    as saved, so no path files an article without a section or an author where
    readers could meet it."""
    if article.status == Status.DRAFT:
        return {}
    gaps = {}
    if not (article.standfirst or "").strip():
        gaps["standfirst"] = REQUIRED
    if article.section_id is None:
        gaps["section"] = REQUIRED
    if authors is not None and authors < 1:
        gaps["authors"] = REQUIRED
    return gaps


def record(article, user, action, note=""):
    return ArticleEvent.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        action=action,
        note=note,
    )


def stored_state(article):
    """The article as stored, its row locked until the transaction ends (None
    for a new article)."""
    if article.pk is None:
        return None
    return (
        Article.objects.select_for_update()
        .prefetch_related("bylines__author")
        .filter(pk=article.pk)
        .first()
    )


def check(user, stored, article, *, note=""):
    """Raise PermissionDenied or ValidationError unless `user` may save `article`
    over `stored` (the row as it is in the database; None for a new article).

    The change form calls this while validating, so a refusal is a message on
    the form; `save()` calls it again under the row lock.
    """
    if stored is None:
        permissions.require(permissions.can_create(user), "You cannot create articles.")
    else:
        permissions.require(permissions.can_edit(user, stored), "You cannot change this article.")
    before = stored.status if stored else None
    if not permissions.can_set_status(user, before, article.status):
        if article.status == Status.UNPUBLISHED:
            raise PermissionDenied("Only editors can unpublish.")
        if before in {Status.PUBLISHED, Status.UNPUBLISHED}:
            raise PermissionDenied("Only editors can change a published article.")
        raise PermissionDenied("Only editors can publish.")
    if not permissions.is_editor(user):
        times = ("published_at", "unpublish_at")
        if any(
            getattr(article, name) != (getattr(stored, name) if stored else None) for name in times
        ):
            raise PermissionDenied("Only editors can set publish and unpublish times.")
    if (
        before == Status.REVIEW
        and article.status == Status.DRAFT
        and permissions.is_editor(user)
        and not note.strip()
    ):
        raise ValidationError(
            {"review_note": "Say what should change: the note goes to the writer."}
        )
    if gaps := missing(article):
        raise ValidationError(gaps)


def _events(stored, article, note):
    """The audit entries for going from `stored` to `article`."""
    events = [(Action.CREATED, "")] if stored is None else []
    before = stored.status if stored else None
    status = article.status
    rescheduled = (
        status == Status.PUBLISHED
        and stored is not None
        and stored.published_at != article.published_at
    )
    if status == before and not rescheduled:
        return events
    if status == Status.REVIEW:
        events.append((Action.SUBMITTED, ""))
    elif status == Status.DRAFT and before == Status.REVIEW:
        events.append((Action.SENT_BACK, note))
    elif status == Status.PUBLISHED:
        if article.is_scheduled:
            events.append((Action.SCHEDULED, f"for {times.shown(article.published_at)}"))
        else:
            events.append((Action.PUBLISHED, ""))
    elif status == Status.UNPUBLISHED:
        events.append((Action.UNPUBLISHED, ""))
    return events


def _write(article, user, stored, *, note, related, comment, extra_events=()):
    with reversion.create_revision():
        article.save()
        if related is not None:
            related()
        # The byline as saved: whatever path got here, nobody's article reaches readers.
        if gaps := missing(article, authors=article.bylines.count()):
            raise ValidationError(gaps)
        events = [*_events(stored, article, note), *extra_events]
        if callable(comment):
            comment = comment()  # a summary of what `related` saved, say
        reversion.set_comment(comment or "; ".join(str(action.label) for action, _ in events))
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
    for action, text in events:
        record(article, user, action, text)
    return article


@transaction.atomic
def save(article, user, *, note="", related=None, comment=""):
    """Save `article` as `user` changed it: checked, revised and recorded.

    `related` saves what belongs to the article (byline, images, related
    stories, tags) after the article itself, inside the same revision;
    `comment` (text, or a function called after `related`) describes the revision.
    """
    stored = stored_state(article)
    check(user, stored, article, note=note)
    if stored is None:
        article.created_by = user
    return _write(article, user, stored, note=note, related=related, comment=comment)


def _move(article, user, status, *, note="", comment):
    article.status = status
    return save(article, user, note=note, comment=comment)


@transaction.atomic
def submit(article, user):
    """A writer hands the article to the editors."""
    if article.status != Status.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    return _move(article, user, Status.REVIEW, comment="Submitted for review")


@transaction.atomic
def send_back(article, user, note):
    """An editor returns the article to its writer with a note on what to change."""
    permissions.require(permissions.is_editor(user), "Only editors can send an article back.")
    if article.status != Status.REVIEW:
        raise ValidationError("Only an article in review can be sent back.")
    if not note.strip():
        raise ValidationError("Say what should change: the note goes to the writer.")
    return _move(article, user, Status.DRAFT, note=note, comment=f"Sent back: {note}")


@transaction.atomic
def publish(article, user, at=None):
    """Publish now, or schedule for `at` (a future time): it goes live by itself."""
    permissions.require(permissions.is_editor(user), "Only editors can publish.")
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
    scheduled = article.published_at > now
    return _move(article, user, Status.PUBLISHED, comment="Scheduled" if scheduled else "Published")


@transaction.atomic
def unpublish(article, user):
    """Take the article off the site (it keeps its history and can be published again)."""
    permissions.require(permissions.is_editor(user), "Only editors can unpublish.")
    return _move(article, user, Status.UNPUBLISHED, comment="Unpublished")


@transaction.atomic
def restore(article, version, user):
    """Bring back an earlier version's words, byline, images and related stories,
    saved as a new revision (history is never rewritten).

    Only what the version says is restored, never its state: the article stays
    as published, scheduled or unpublished as it is now, so a writer cannot
    publish (or an old draft take down) a live article by restoring. The person
    must be allowed to change the article as it is now.
    """
    stored = stored_state(article)
    if stored is None:
        raise PermissionDenied("This article no longer exists.")
    permissions.require(permissions.can_edit(user, stored), "You cannot change this article.")
    if version.object_id != str(stored.pk) or version.content_type.model_class() is not Article:
        raise PermissionDenied("That version belongs to another article.")
    version.revision.revert(delete=True)
    restored = Article.objects.get(pk=stored.pk)
    old_placements(restored)
    for name in KEPT_ON_RESTORE:
        setattr(restored, name, getattr(stored, name))
    # So the save sees the words readers had before: "Updated", search, address.
    restored._stored = stored._stored
    restored._stored_address = stored._stored_address
    when = times.shown(version.revision.date_created)
    check(user, stored, restored)
    return _write(
        restored,
        user,
        stored,
        note="",
        related=None,
        comment=f"Restored the version of {when}",
        extra_events=[(Action.RESTORED, f"the version of {when}")],
    )


def old_placements(restored):
    """A version saved before blocks (articles/blocks.py) has its images, related
    stories, galleries and embeds as "after paragraph" rows and none in its body:
    restoring it sets them in the body as blocks, where they stood."""
    if "data-block" in restored.body:
        return
    rows = [
        (kind, row)
        for kind, manager in (
            ("image", restored.figures),
            ("related", restored.related_links),
            ("gallery", restored.galleries),
            ("embed", restored.embeds),
        )
        for row in manager.order_by("after_paragraph", "pk")
    ]
    if rows:
        restored.body = blocks.from_rows(restored.body, rows)


def next_scheduled_change(now=None):
    """The next publish or unpublish time still to come, or None: the moment reader
    pages change with nothing saved (the page cache asks, see articles/purging.py).

    Two index look-ups (the first time after now in each), not a scan: it runs
    after an article's publish or unpublish time is saved (pagecache.RESCHEDULE)."""
    now = now or timezone.now()
    published = Article.objects.filter(status=Status.PUBLISHED)
    times = [
        published.filter(**{f"{field}__gt": now})
        .order_by(field)
        .values_list(field, flat=True)
        .first()
        for field in ("published_at", "unpublish_at")
    ]
    return min((t for t in times if t is not None), default=None)


def imported(article, status, published_at, *, note):
    """Give an article made by a command (the WordPress import, the demo content)
    its state: the operator running the command answers for it, so no person's
    permissions apply. Returns the audit entry, unsaved, for the command to store
    once the article is saved."""
    article.status = status
    article.published_at = published_at
    return ArticleEvent(article=article, action=Action.CREATED, note=note)
