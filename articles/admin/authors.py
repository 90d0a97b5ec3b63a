"""Authors in the admin."""

from django.contrib import admin

from images.admin import thumbnail

from ..models import Author
from .widgets import EditorsMedia


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    Media = EditorsMedia
    list_display = ["photo_thumb", "name", "slug", "user"]
    list_display_links = ["photo_thumb", "name"]
    list_select_related = ["photo", "user"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]

    @admin.display(description="photo")
    def photo_thumb(self, obj):
        return thumbnail(obj.photo, size=40)
