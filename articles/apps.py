from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from taggit.models import Tag, TaggedItem

        import pagecache
        from images import permissions as image_permissions

        from . import models, tags
        from .editorial import permissions, revisions, roles, workflow

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        pre_save.connect(tags.give_slug, sender=Tag, dispatch_uid="tag-slug")
        revisions.register()
        # Any change to what readers can see starts a new page-cache generation,
        # and so does a publish or unpublish time passing.
        pagecache.watch(
            models.Article, models.Section, models.Author,
            models.Byline, models.ArticleImage, models.RelatedLink, models.ArticleNote,
            models.LiveUpdate, Tag, TaggedItem,
        )  # fmt: skip
        pagecache.scheduled_changes(workflow.next_scheduled_change)
        # Writers change only images nothing public shows (the images admin asks).
        image_permissions.register(
            permissions.can_change_image, "Only editors can change an image that readers can see."
        )
