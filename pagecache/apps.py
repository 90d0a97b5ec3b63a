from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import frontends, receivers, signals

        signals.content_changed.connect(receivers.content_changed, dispatch_uid="page:content")
        signals.purged.connect(frontends.purge_varnish, dispatch_uid="page:varnish")
