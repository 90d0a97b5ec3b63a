"""An index over taggit's table for "the articles most recently given this tag"
(Check Also's candidates): content type, tag, then object id, so the newest
are one short backwards range scan. taggit's own indexes do not cover it."""

from django.db import migrations

INDEX = "taggeditem_tag_recent_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_wordpress_import"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON taggit_taggeditem "
            "(content_type_id, tag_id, object_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
