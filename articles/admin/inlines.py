"""What an article's change form holds below the article: byline, body images and
related stories placed by paragraph, corrections and updates, the audit trail."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator

from .. import body as body_rules
from ..editorial import permissions
from ..models import ArticleEvent, ArticleImage, ArticleNote, Byline, LiveUpdate, RelatedLink
from .forms import VisibleArticlesMixin


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "authors (in byline order)"


class PlacementInlineMixin(VisibleArticlesMixin):
    """The "after paragraph" field lists the article's paragraphs by their first words,
    so an editor places things by what they follow, not by counting."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None or not obj.body:
            return formset
        texts = body_rules.paragraph_texts(obj.body)
        choices = [(0, "Above the first paragraph")] + [
            (number, f"¶{number}: {Truncator(text).chars(70)}")
            for number, text in enumerate(texts, start=1)
        ]
        field = formset.form.base_fields["after_paragraph"]
        formset.form.base_fields["after_paragraph"] = forms.TypedChoiceField(
            label=field.label,
            help_text=field.help_text,
            choices=choices,
            coerce=int,
            initial=len(texts),
        )
        return formset


class ArticleImageInline(PlacementInlineMixin, admin.StackedInline):
    model = ArticleImage
    extra = 0
    autocomplete_fields = ["image"]
    fields = ["image", "after_paragraph"]
    verbose_name_plural = "images in the body (caption and credit come from the image)"


class RelatedLinkInline(PlacementInlineMixin, admin.StackedInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target", "teaser_image"]
    fields = ["target", "url", "teaser_headline", "teaser_image", "after_paragraph"]
    verbose_name_plural = "related stories in the body"


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
