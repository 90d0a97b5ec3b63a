from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        import pagecache
        from articles import pagekeys
        from articles import reader as article_reader
        from articles import wordpress as wordpress_import

        from . import reader, roles, wordpress
        from .models import Comment

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        article_reader.provider(reader.comment_state)
        wordpress_import.post_imported.connect(wordpress.import_comments)
        # An approved comment edited or deleted changes its article's page and
        # counts (approving and removing send their own purge, comments/moderation.py).
        pagecache.watch(
            Comment,
            lambda comment: (
                [pagekeys.comments(comment.article_id), pagekeys.POPULAR]
                if comment.status == Comment.Status.APPROVED
                else []
            ),
        )
