from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_delete, post_save


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin, with NewsroomAdminSite as `admin.site`."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"

    def ready(self):
        super().ready()
        from django_otp import device_classes

        from .admin_site import forget_devices

        for model in device_classes():
            post_save.connect(forget_devices, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(forget_devices, sender=model, dispatch_uid=f"forget-{model}-del")
