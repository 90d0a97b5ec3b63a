# The content types of the moved models follow them: articles.captionedimage and
# articles.rendition become images.captionedimage and images.rendition. The rows
# are renamed, not replaced, so their ids stay: permissions (and the Writers' and
# Editors' grants of them), the admin's log, revisions and import records keep
# pointing at the same rows.
#
# Where both rows exist (post_migrate, or another migration's create_permissions,
# made the images one before this ran), the images row is merged into the older
# one: its permissions' grants move to the older row's permissions of the same
# codename, anything else pointing at it moves over, and it is deleted.

from django.conf import settings
from django.db import migrations

MODELS = ["captionedimage", "rendition"]


def points_at_content_types(apps):
    """(model, field name) of every foreign key to ContentType in this state."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.many_to_one
                and field.concrete
                and field.related_model._meta.label_lower == "contenttypes.contenttype"
            ):
                yield model, field.name


def merge(apps, db, keep, drop):
    """Everything that points at `drop` points at `keep`; then `drop` goes."""
    Permission = apps.get_model("auth", "Permission")
    GroupPermission = apps.get_model("auth", "Group").permissions.through
    UserPermission = apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through
    for permission in Permission.objects.using(db).filter(content_type=drop):
        twin = Permission.objects.using(db).filter(
            content_type=keep, codename=permission.codename
        ).first()
        if twin is None:
            permission.content_type = keep
            permission.save(update_fields=["content_type"])
            continue
        for grant in GroupPermission.objects.using(db).filter(permission=permission):
            GroupPermission.objects.using(db).get_or_create(group_id=grant.group_id, permission=twin)
        for grant in UserPermission.objects.using(db).filter(permission=permission):
            UserPermission.objects.using(db).get_or_create(user_id=grant.user_id, permission=twin)
        permission.delete()
    for model, name in points_at_content_types(apps):
        model._base_manager.using(db).filter(**{name: drop}).update(**{name: keep})
    drop.delete()


def move(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if old is None:
            continue  # never made: post_migrate makes the new one
        new = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if new is not None:
            merge(apps, db, keep=old, drop=new)
        old.app_label = target
        old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    move(apps, schema_editor, "articles", "images")


def backwards(apps, schema_editor):
    move(apps, schema_editor, "images", "articles")


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("articles", "0013_images_app"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
