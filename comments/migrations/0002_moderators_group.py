from django.db import migrations


def create_moderators(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from comments.roles import ROLES
    from articles.roles import sync_roles

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
