"""The gate for every change to a page, as workflow.py is for articles: the admin's
form asks `check` while validating (a refusal is a message on the form) and
`save` asks again under the row lock before anything is written. Every save keeps
a revision (django-reversion, as articles do); `restore` brings an earlier
version's words back through the same gate."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from core import times

from ..models import Page
from . import permissions

# What restoring a version brings back: its words. Never its state (restoring does
# not publish or take down a page) nor its address (it does not move a page).
RESTORED = ("title", "summary", "body")


def check(user, stored, page):
    """Raise PermissionDenied unless `user` may save `page` over `stored` (the row
    as it is in the database; None for a new page)."""
    if stored is None:
        permissions.require(permissions.can_edit_page(user, None), "You cannot create pages.")
    else:
        permissions.require(
            permissions.can_edit_page(user, stored),
            "Only editors can change a published page or someone else's page.",
        )
    before = stored.status if stored else None
    permissions.require(
        permissions.can_set_page_status(user, before, page.status),
        "Only editors can publish a page or take it down.",
    )


def save(page, user, comment=""):
    """Save `page` for `user` as a new revision, or raise PermissionDenied (nothing
    saved)."""
    with transaction.atomic(), reversion.create_revision():
        stored = Page.objects.select_for_update().filter(pk=page.pk).first() if page.pk else None
        check(user, stored, page)
        if stored is None:
            page.created_by = user
        page.save()
        reversion.set_comment(comment or _what_changed(stored, page))
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
    return page


def _what_changed(stored, page):
    if stored is None:
        return "Created"
    if stored.status != page.status:
        return {
            Page.Status.PUBLISHED: "Published",
            Page.Status.REVIEW: "Submitted for review",
        }.get(page.status, f"Back to {page.get_status_display().lower()}")
    return "Changed"


def restore(page, version, user):
    """Bring back `version`'s title, summary and body as a new revision. The page
    keeps its state and its address; `user` must be allowed to change it as it is."""
    stored = Page.objects.filter(pk=page.pk).first()
    if stored is None:
        raise PermissionDenied("This page no longer exists.")
    if version.object_id != str(stored.pk) or version.content_type.model_class() is not Page:
        raise PermissionDenied("That version belongs to another page.")
    permissions.require(permissions.can_edit_page(user, stored), "You cannot change this page.")
    for name in RESTORED:
        if name in version.field_dict:
            setattr(stored, name, version.field_dict[name])
    when = times.shown(version.revision.date_created)
    return save(stored, user, comment=f"Restored the version of {when}")


def delete(page, user):
    permissions.require(
        permissions.is_page_editor(user) and user.has_perm("articles.delete_page"),
        "Only editors can delete pages.",
    )
    page.delete()
