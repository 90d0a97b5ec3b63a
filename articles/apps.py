from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from . import cache, images, models, roles, tags

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        pre_save.connect(tags.give_slug, sender=Tag, dispatch_uid="tag-slug")
        images.protect_pillow()
        # Any change to what readers can see starts a new page-cache generation.
        for model in (
            models.Article, models.Section, models.Author, models.CaptionedImage,
            models.Byline, models.ArticleImage, models.RelatedLink, models.ArticleNote,
            models.LiveUpdate, Tag, TaggedItem,
        ):  # fmt: skip
            post_save.connect(cache.content_changed, sender=model, dispatch_uid=f"page:{model}")
            post_delete.connect(cache.content_changed, sender=model, dispatch_uid=f"page-:{model}")
        m2m_changed.connect(cache.content_changed, dispatch_uid="page:m2m")
