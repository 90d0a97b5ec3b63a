"""Pages in the admin: the same body editor as articles, the page gate
(articles/editorial/pages.py) on every save, revisions with history, compare and
restore as articles have, and the footer menu's order edited in the list."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied

from ..editorial import pages as page_gate
from ..editorial import permissions, revisions
from ..models import Page
from .forms import for_user
from .revisions import RevisionsMixin
from .widgets import EditorsMedia


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "summary", "body", "status", "in_footer"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "status" in self.fields and user is not None and not permissions.is_page_editor(user):
            self.fields["status"].choices = [
                (Page.Status.DRAFT, "Draft"),
                (Page.Status.REVIEW, "In review (submit to the editors)"),
            ]

    def _post_clean(self):
        """With the form's values on the page, ask the gate: a refusal is a message
        on the form and nothing is saved."""
        super()._post_clean()
        if self.user is None or self.errors:
            return
        stored = Page.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        try:
            page_gate.check(self.user, stored, self.instance)
        except PermissionDenied as error:
            self.add_error("status" if "status" in self.fields else None, str(error))


@admin.register(Page)
class PageAdmin(RevisionsMixin, admin.ModelAdmin):
    Media = EditorsMedia
    form = PageAdminForm
    list_display = ["title", "address", "status", "in_footer", "footer_position"]
    list_editable = ["footer_position"]
    list_filter = ["status", "in_footer"]
    search_fields = ["title", "path", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "in_footer", "footer_position"]}),
    ]

    # Revisions (articles/admin/revisions.py): restoring goes through the page gate.
    compared_fields = revisions.PAGE_COMPARED
    restores = "title, summary and body"
    keeps = "never publishes, takes down or moves it"

    def may_see_history(self, request, obj):
        return permissions.can_view_page(request.user)

    def restore_version(self, request, obj, version):
        page_gate.restore(obj, version, request.user)

    @admin.display(description="address", ordering="path")
    def address(self, obj):
        return f"/{obj.path}/"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = [*PageAdminForm.Meta.fields, "footer_position"]
        return for_user(super().get_form(request, obj, change, **kwargs), request.user)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The footer's order is an editor's: writers see the list without it editable.
        if not permissions.is_page_editor(request.user):
            changelist.list_editable = ()
        return changelist

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit_page(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_page_editor(request.user) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        page_gate.save(obj, request.user)

    def delete_model(self, request, obj):
        page_gate.delete(obj, request.user)

    def delete_queryset(self, request, queryset):
        for page in queryset:
            page_gate.delete(page, request.user)
