"""Who moderates: the Moderators group, and editors too."""

from django.apps import apps as global_apps

from core.roles import sync_roles

MODERATION = [
    "view_comment",
    "change_comment",
    "moderate_comment",
    "add_moderationword",
    "change_moderationword",
    "delete_moderationword",
    "view_moderationword",
]
ROLES = {"Moderators": {"comments": MODERATION}, "Editors": {"comments": MODERATION}}


def sync_after_migrate(sender, apps=global_apps, **kwargs):
    sync_roles(ROLES, apps)
