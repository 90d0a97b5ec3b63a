from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import Truncator
from taggit.models import Tag

from . import body as body_rules
from .models import (
    Article,
    ArticleImage,
    Author,
    Byline,
    CaptionedImage,
    RelatedLink,
    Section,
)
from .widgets import TagAutocompleteWidget


def thumbnail(image, size=60):
    if image is None or not image.image:
        return "—"
    return format_html(
        '<img class="admin-thumb" src="{}" alt="" width="{}" height="{}">',
        image.image.url,
        size,
        round(size * 2 / 3),
    )


class EditorsMedia:
    css = {"all": ["css/admin.css"]}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "path", "position"]
    list_editable = ["position"]
    list_select_related = ["parent__parent__parent"]
    search_fields = ["name", "path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "parent", "description", "position"]


@admin.register(CaptionedImage)
class CaptionedImageAdmin(admin.ModelAdmin):
    Media = EditorsMedia
    list_display = ["thumb", "title", "credit", "dimensions", "created_at"]
    list_display_links = ["thumb", "title"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    fields = ["image", "preview", "title", "alt_text", "caption", "credit"]
    readonly_fields = ["preview"]

    @admin.display(description="image")
    def thumb(self, obj):
        return thumbnail(obj)

    @admin.display(description="preview")
    def preview(self, obj):
        return thumbnail(obj, size=320) if obj.pk else "—"

    @admin.display(description="size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"


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


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "authors (in byline order)"


class PlacementInlineMixin:
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


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {"tags": TagAutocompleteWidget}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    Media = EditorsMedia
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status",
        "section",
        "byline",
        "published_at",
        "is_developing",
        "like_count",
    ]
    list_filter = ["status", "is_developing", "section", "authors"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image", "check_also"]
    readonly_fields = ["updated_at", "created_at", "modified_at"]
    inlines = [BylineInline, ArticleImageInline, RelatedLinkInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "lead_image", "body"]}),
        ("Filing", {"fields": ["section", "tags"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_developing",
                    "comments_enabled",
                    "check_also",
                    ("created_at", "modified_at", "updated_at"),
                ]
            },
        ),
    ]

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def tag_suggestions(self, request):
        """Existing tags for the tags picker, most used first, as select2 wants them."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:100]
        tags = (
            Tag.objects.filter(name__icontains=term)
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")[:20]
        )
        return JsonResponse({"results": [{"id": tag.name, "text": tag.name} for tag in tags]})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    @admin.display(description="authors")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors)

    def save_model(self, request, obj, form, change):
        # Placements were chosen against the body as it was when the form was drawn;
        # they are moved with their paragraphs once everything is saved.
        self._stored_body = obj._stored.get("body", "") if change else ""
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if change and self._stored_body != article.body:
            new_position = body_rules.reanchor(self._stored_body, article.body)
            for model in (ArticleImage, RelatedLink):
                for placement in model.objects.filter(article=article):
                    moved = new_position(placement.after_paragraph)
                    if moved != placement.after_paragraph:
                        placement.after_paragraph = moved
                        placement.save(update_fields=["after_paragraph"])
