from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from . import images, roles

        post_migrate.connect(roles.sync_after_migrate, sender=self)
        images.protect_pillow()
