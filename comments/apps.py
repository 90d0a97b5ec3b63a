from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from articles import reader as article_reader
        from articles import wordpress as wordpress_import

        from . import reader, roles, wordpress

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        article_reader.provider(reader.comment_state)
        wordpress_import.post_imported.connect(wordpress.import_comments)
