from django.db import migrations

from core.roles import sync_roles

# The Moderators group as it was when this migration was written; later grants
# come from comments/roles.py after every migrate.
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


def create_moderators(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(ROLES, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(create_moderators, migrations.RunPython.noop)]
