"""Sections in the admin."""

from django.contrib import admin

from ..models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "path", "position"]
    list_editable = ["position"]
    list_select_related = ["parent__parent__parent"]
    search_fields = ["name", "path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "parent", "description", "position"]
