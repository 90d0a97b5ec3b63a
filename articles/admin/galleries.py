"""Galleries in the admin: a title and the pictures in order. An article places
one in its body (the article's *Galleries in the body*, whose + makes a new one)."""

from django.contrib import admin

from ..editorial import permissions
from ..models import Gallery, GalleryImage
from .widgets import EditorsMedia


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    extra = 3
    autocomplete_fields = ["image"]
    fields = ["image", "position"]


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    Media = EditorsMedia
    list_display = ["title", "pictures", "created_at"]
    search_fields = ["title", "items__image__title", "items__image__caption"]
    fields = ["title"]
    inlines = [GalleryImageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description="pictures")
    def pictures(self, obj):
        return len(obj.items.all())

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_change_gallery(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
