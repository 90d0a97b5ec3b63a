from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        import pagecache

        from . import models, pagekeys, signals, validation

        validation.protect_pillow()
        # A new caption, credit, file or crop shows on every page with the image.
        pagecache.watch(models.CaptionedImage, pagekeys.purges)
        # New renditions are written without a save: their signal purges the same pages.
        signals.renditions_made.connect(
            lambda image, **kwargs: pagecache.purge(*pagekeys.purges(image)),
            weak=False,
            dispatch_uid="page:renditions",
        )
