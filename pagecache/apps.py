from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import receivers, signals

        signals.content_changed.connect(receivers.content_changed, dispatch_uid="page:content")
        signals.page_changed.connect(receivers.page_changed, dispatch_uid="page:path")
