"""Tags in the admin: django-taggit's tag admin, with its holes closed.

taggit's own admin lets anyone who can open the tag list merge tags (its merge
page checks no permission, and crashes when nothing was chosen) and put any tag
on any object through an inline of raw tagged items, which goes around the
editorial workflow. Here tags are put on articles only from the article's own
form (through the workflow gate), and merging is an editor's job.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

SELECTED = "selected_tag_ids"


def chosen_tags(request):
    """The tags chosen for merging (kept in the session by the list's action):
    existing ones only, whatever the session holds."""
    ids = [part for part in request.session.get(SELECTED, "").split(",") if part.isdigit()]
    return list(Tag.objects.filter(pk__in=ids).values_list("pk", flat=True))


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    inlines = []
    actions = ["render_tag_form"]

    @admin.action(description="Merge the selected tags", permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = chosen_tags(request)
        if not chosen:
            messages.error(request, "Choose the tags to merge in the list first.")
            return redirect("admin:taggit_tag_changelist")
        request.session[SELECTED] = ",".join(map(str, chosen))
        return super().merge_tags_view(request)
