"""What an article's change form holds below the article: byline, corrections and
updates, the audit trail. (Images, related stories, galleries and embeds are
blocks in the body: articles/admin/blocks.py.)"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from ..editorial import permissions, workflow
from ..models import (
    ArticleEvent,
    ArticleNote,
    Byline,
    LiveUpdate,
)


class BylineFormSet(BaseInlineFormSet):
    """A draft may have no author yet; the workflow says when one is needed
    (articles/editorial/workflow.py), and the first row says so."""

    def clean(self):
        super().clean()
        authors = sum(
            1
            for form in self.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        )
        message = workflow.missing(self.instance, authors=authors).get("authors")
        if message and self.forms:
            self.forms[0].add_error("author", message)
        elif message:
            raise forms.ValidationError(message)


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "authors (in byline order)"

    def get_extra(self, request, obj=None, **kwargs):
        """One empty row to fill in while the byline is empty."""
        return 0 if obj is not None and obj.bylines.exists() else 1


class ArticleNoteInline(admin.StackedInline):
    model = ArticleNote
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name_plural = "corrections and updates (public, shown on the article)"

    def has_add_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_change_permission(request, obj)


class LiveUpdateInline(admin.TabularInline):
    model = LiveUpdate
    extra = 0
    fields = ["created_at", "text"]
    verbose_name_plural = "developing-story updates (newest first, at the top of the body)"


class ArticleEventInline(admin.TabularInline):
    """The audit trail: who created, submitted, published, unpublished, corrected."""

    model = ArticleEvent
    extra = 0
    fields = ["at", "action", "actor", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "audit trail"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
