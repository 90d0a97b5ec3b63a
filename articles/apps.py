from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from taggit.models import Tag

        from images import permissions as image_permissions

        from . import models, previews, purging, reader_body, tags
        from .editorial import permissions, revisions, roles

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        pre_save.connect(tags.give_slug, sender=Tag, dispatch_uid="tag-slug")
        post_delete.connect(
            models.search_sqlite.forget, sender=models.Article, dispatch_uid="search-forget"
        )
        revisions.register()
        # A change to what readers see purges the pages that show it, and so
        # does a publish or unpublish time passing.
        purging.connect()
        reader_body.connect()
        # Saving an embed fetches its preview (title, thumbnail) in the background.
        previews.connect()
        # Writers change only images nothing public shows (the images admin asks).
        image_permissions.register(
            permissions.can_change_image, "Only editors can change an image that readers can see."
        )
