"""The front page and the site settings in the admin."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from ..models import FrontPageSlot, SiteSettings
from .forms import VisibleArticlesMixin
from .widgets import EditorsMedia


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(VisibleArticlesMixin, admin.ModelAdmin):
    """The front page: an editor pins the lead story and orders the top stories.
    Places left empty show the latest stories."""

    list_display = ["position", "article", "shown"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    fields = ["position", "article"]

    @admin.display(description="shown to readers", boolean=True)
    def shown(self, obj):
        return obj.article.is_public


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it."""

    Media = EditorsMedia
    autocomplete_fields = ["logo"]
    fields = ["site_name", "tagline", "publisher_name", "language", "logo"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if SiteSettings.objects.exists():
            return redirect("admin:articles_sitesettings_change", 1)
        return redirect("admin:articles_sitesettings_add")
