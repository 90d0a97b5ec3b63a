"""The editors' desk: autosaves and edit locks, as WordPress has them.

Autosave keeps a copy of what a person's change form holds (every 30 seconds
and on leaving a field, static/js/article-desk.js) in its own table, one per
person and article: it never touches the article, its revisions or what
readers see. Reopening the article offers the copy when it is newer than the
article's last save; restoring fills the form, and the person still saves.

An edit lock says who has an article open. Opening it takes the lock unless
someone else's page renewed theirs lately (LOCK_BEATS); then the page says who
and since when, and offers to take over. The person taken over from learns it
on their page's next autosave or heartbeat. A lock warns, it does not guard:
the change form's refusal of a save made over someone else's stays the last
guard (articles/admin/forms.py).

Who may do any of it is the workflow's rule (permissions.py): a person may
autosave or lock only an article they may change (or, for a new article,
create).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Article, Autosave, EditLock
from . import permissions

# A page renews its lock every NEWSROOM_AUTOSAVE_SECONDS (30); one silent for
# five times as long is closed (WordPress waits 150 seconds too).
LOCK_BEATS = 5
MAX_FIELDS = 2000
MAX_CHARACTERS = 1_000_000


def person(user):
    """How the desk names someone: "Maya Okafor", else their username."""
    return user.get_full_name() or user.get_username()


def clock(moment):
    """A time of today as the desk says it: "14:02"."""
    return f"{timezone.localtime(moment):%H:%M}"


def may_edit(user, article):
    """Raise PermissionDenied unless `user` may change `article` (None: a new one)."""
    if article is None:
        permissions.require(permissions.can_create(user), "You cannot create articles.")
    else:
        permissions.require(permissions.can_edit(user, article), "You cannot change this article.")


# --- Locks --------------------------------------------------------------------


@dataclass
class LockState:
    """The lock as one person's page sees it."""

    mine: bool
    holder: str = ""
    since: str = ""

    def as_json(self):
        return {"mine": self.mine, "holder": self.holder, "since": self.since}

    @property
    def notice(self):
        return f"{self.holder} is editing this article since {self.since}." if self.holder else ""


def _state(lock, user):
    if lock.user_id == user.pk:
        return LockState(mine=True)
    return LockState(mine=False, holder=person(lock.user), since=clock(lock.since))


def _fresh(lock, now):
    lapse = timedelta(seconds=LOCK_BEATS * settings.NEWSROOM_AUTOSAVE_SECONDS)
    return lock is not None and lock.seen_at >= now - lapse


def lock_state(user, article):
    """Who holds the lock on `article`, as `user`'s page sees it (changes nothing)."""
    may_edit(user, article)
    lock = EditLock.objects.select_related("user").filter(article=article).first()
    if not _fresh(lock, timezone.now()):
        return LockState(mine=False)
    return _state(lock, user)


@transaction.atomic
def open_article(user, article, *, take_over=False):
    """`user` opens `article` to edit: they hold the lock afterwards unless
    someone else's open page holds it (and they did not ask to take over)."""
    may_edit(user, article)
    now = timezone.now()
    Article.objects.select_for_update().filter(pk=article.pk).first()
    lock = EditLock.objects.select_related("user").filter(article=article).first()
    if lock is not None and lock.user_id != user.pk and _fresh(lock, now) and not take_over:
        return _state(lock, user)
    if lock is None or lock.user_id != user.pk or not _fresh(lock, now):
        lock = EditLock(article=article, user=user, since=now)
    lock.seen_at = now
    lock.save()
    return LockState(mine=True)


def heartbeat(user, article):
    """`user`'s page is still open: renew their lock, take a lock nobody holds,
    and say who holds it otherwise (someone who took over, say)."""
    return open_article(user, article)


def take_over(user, article):
    return open_article(user, article, take_over=True)


# --- Autosaves ----------------------------------------------------------------


def clean_fields(pairs):
    """The form's fields as [name, value] string pairs, or ValueError. The
    token and the version the form was opened at are never kept: restoring puts
    words back, not the form's claim about which version it edits."""
    if not isinstance(pairs, list) or len(pairs) > MAX_FIELDS:
        raise ValueError("The autosave is not a list of form fields.")
    fields = []
    for pair in pairs:
        # [name, value], or [name, value, label] for a picker's choice (the label
        # is what the picker shows once the choice is restored).
        if not (
            isinstance(pair, list)
            and len(pair) in {2, 3}
            and all(isinstance(part, str) for part in pair)
        ):
            raise ValueError("Each form field is a name and a value.")
        if pair[0] in {"csrfmiddlewaretoken", "loaded_version"}:
            continue
        fields.append(pair)
    if sum(len("".join(pair)) for pair in fields) > MAX_CHARACTERS:
        raise ValueError("The autosave is too large.")
    return fields


def autosave(user, article, pairs, *, based_on=None):
    """Keep `user`'s copy of the form for `article` (None: their new article)."""
    may_edit(user, article)
    fields = clean_fields(pairs)
    copy, _ = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={"data": fields, "based_on": based_on, "saved_at": timezone.now()},
    )
    return copy


def offered(user, article):
    """The autosave to offer when `user` opens `article`: theirs, and newer than
    the article's last save (an older copy is only in the way: it is dropped)."""
    may_edit(user, article)
    copy = Autosave.objects.filter(user=user, article=article).first()
    if copy is not None and article is not None and copy.saved_at <= article.modified_at:
        copy.delete()
        return None
    return copy


def discard(user, article):
    """The article was saved (or the person chose not to restore): the copy goes."""
    Autosave.objects.filter(user=user, article=article).delete()


def describe(copy, article):
    """What the page says of an autosave: its time, and whether the article was
    saved by someone since the form it came from was opened."""
    return {
        "saved_at": clock(copy.saved_at),
        "fields": copy.data,
        "older_version": bool(
            article is not None and copy.based_on is not None and copy.based_on != article.version
        ),
    }
