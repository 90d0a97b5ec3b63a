"""The newsroom's roles as Django groups, kept in step with the permissions.

Groups are created by migrations and re-synced after every `migrate` (and after
a test database flush), so a permission added later reaches its role without a
hand-written migration.
"""

from django.apps import apps as global_apps

# group name -> {app label: permission codenames, or "__all__"}
ROLES = {
    "Editors": {"articles": "__all__", "taggit": "__all__"},
}


def sync_roles(roles, apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label)
            if codenames != "__all__":
                permissions = permissions.filter(codename__in=codenames)
            group.permissions.add(*permissions)


def sync_after_migrate(sender, apps=global_apps, **kwargs):
    sync_roles(ROLES, apps)
