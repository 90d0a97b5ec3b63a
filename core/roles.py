"""Roles are Django groups: keep a group's permissions in step with a table of
grants, from a migration (with its historical models) or after every `migrate`.

Each app keeps its own table (articles/editorial/roles.py, comments/roles.py)
and syncs it from its app config's post_migrate receiver, so a permission added
later reaches its role without a hand-written migration.
"""

from django.apps import apps as global_apps


def sync_roles(roles, apps=global_apps):
    """Give each group in `roles` ({group name: {app label: permission codenames,
    or "__all__"}}) its grants, creating the group if needed. Only adds: a
    permission taken away from the table stays until someone removes it."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label)
            if codenames != "__all__":
                permissions = permissions.filter(codename__in=codenames)
            group.permissions.add(*permissions)
