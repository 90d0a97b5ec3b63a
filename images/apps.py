from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        import pagecache

        from . import models, validation

        validation.protect_pillow()
        # A new caption, credit, file or crop shows on every page with the image.
        pagecache.watch(models.CaptionedImage)
