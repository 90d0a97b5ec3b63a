import json
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from reversion.models import Version
from taggit.models import Tag

from . import body as body_rules
from . import images, previews
from .editorial import permissions, revisions, workflow
from .forms import CaptionedImageForm
from .models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleNote,
    Author,
    Byline,
    CaptionedImage,
    Crop,
    FrontPageSlot,
    LiveUpdate,
    RelatedLink,
    Section,
    SiteSettings,
)
from .widgets import TagAutocompleteWidget


def thumbnail(image, size=60):
    """A library image's square thumbnail: its 1:1 crop, as readers' thumbnails show it."""
    if image is None or not image.image:
        return "—"
    return format_html(
        '<img class="admin-thumb" src="{}" alt="" width="{}" height="{}">',
        images.rendition_url(image, Crop.SQUARE, size * 2),
        size,
        size,
    )


class EditorsMedia:
    css = {"all": ["css/admin.css"]}
    # Thumbnails in every library image picker (lead image, author photo, …).
    js = ["js/image-picker.js"]


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
    form = CaptionedImageForm
    list_display = ["thumb", "title", "credit", "dimensions", "renditions_made", "created_at"]
    list_display_links = ["thumb", "title"]
    list_filter = ["decorative"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["picker", "crop_previews"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/focal-point.js"]

    def get_fieldsets(self, request, obj=None):
        about = ["upload", "title", "alt_text", "decorative", "caption", "credit"]
        if obj is None:
            return [(None, {"fields": about})]
        return [
            (None, {"fields": ["picker", *about]}),
            (
                "Focal point and crops",
                {
                    "fields": [("focal_x", "focal_y"), "crop_wide", "crop_square", "crop_previews"],
                    "description": "Every crop keeps the focal point in frame. Draw a crop "
                    "by hand only where the automatic one cuts something important.",
                },
            ),
        ]

    def get_urls(self):
        thumbnail_url = path(
            "<int:object_id>/thumbnail/",
            self.admin_site.admin_view(self.thumbnail_view),
            name="articles_captionedimage_thumbnail",
        )
        return [thumbnail_url, *super().get_urls()]

    def thumbnail_view(self, request, object_id):
        """The image's small square rendition, for the image pickers' thumbnails."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        image = get_object_or_404(CaptionedImage, pk=object_id)
        url = images.rendition_url(image, Crop.SQUARE, 96)
        if not url:
            raise Http404("This image has no file.")
        return redirect(url)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_change_image(request.user, obj)

    def save_model(self, request, obj, form, change):
        if change:
            stored = CaptionedImage.objects.get(pk=obj.pk)
            permissions.require(
                permissions.can_change_image(request.user, stored),
                "Only editors can change an image that readers can see.",
            )
        else:
            obj.uploaded_by = request.user
        upload = form.cleaned_data.get("upload")
        typed = (obj.caption, obj.credit)
        images.save(obj, upload)
        if upload and (obj.caption, obj.credit) != typed:
            self.message_user(
                request,
                "The caption or credit was filled in from the file's metadata: check it.",
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        files = images.files_of(obj)
        super().delete_model(request, obj)
        transaction.on_commit(partial(images.delete_files, files))

    def delete_queryset(self, request, queryset):
        files = [file for image in queryset for file in images.files_of(image)]
        super().delete_queryset(request, queryset)
        transaction.on_commit(partial(images.delete_files, files))

    @admin.display(description="image")
    def thumb(self, obj):
        return thumbnail(obj)

    @admin.display(description="size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description="renditions", boolean=True)
    def renditions_made(self, obj):
        return bool((obj.rendition_cache or {}).get("crops"))

    @admin.display(description="picture")
    def picker(self, obj):
        """The picture, with its focal point and crops drawn on it. Clicking sets the
        focal point (static/js/focal-point.js); without JavaScript, type it below.

        The marks are an SVG over the picture, placed by their x, y, width and
        height attributes: the Content Security Policy refuses style attributes,
        and attributes need no script, so the crops show without JavaScript too.
        Each mark is a foreignObject holding the HTML that static/css/admin.css
        draws (dashed frame, label, ringed marker)."""
        if not obj.pk or not obj.image or not obj.width:
            return "—"
        outlines = []
        for crop, css in ((Crop.WIDE, "wide"), (Crop.SQUARE, "square")):
            box = images.crop_box(
                obj.width,
                obj.height,
                images.SHAPES[crop],
                (obj.focal_x, obj.focal_y),
                (obj.crops or {}).get(crop),
            )
            outlines.append(
                format_html(
                    '<foreignObject class="crop-outline crop-outline-{}" data-crop="{}" '
                    'x="{}%" y="{}%" width="{}%" height="{}%">'
                    '<div class="crop-frame"><span class="crop-label">{}</span></div>'
                    "</foreignObject>",
                    css,
                    crop,
                    *(
                        f"{value:.3f}"
                        for value in (
                            100 * box[0] / obj.width,
                            100 * box[1] / obj.height,
                            100 * (box[2] - box[0]) / obj.width,
                            100 * (box[3] - box[1]) / obj.height,
                        )
                    ),
                    crop,
                )
            )
        return format_html(
            '<div class="focal-picker" data-width="{}" data-height="{}">'
            '<img src="{}" alt="" width="{}" height="{}">'
            '<svg class="focal-overlay" aria-hidden="true" focusable="false">{}'
            '<foreignObject class="focal-marker" x="{}%" y="{}%" width="28" height="28" '
            'transform="translate(-14 -14)"><div class="focal-marker-ring"></div></foreignObject>'
            "</svg></div>",
            obj.width,
            obj.height,
            images.rendition_url(obj, Crop.ORIGINAL, 640),
            obj.width,
            obj.height,
            mark_safe("".join(outlines)),  # noqa: S308 - built with format_html above
            f"{obj.focal_x * 100:.2f}",
            f"{obj.focal_y * 100:.2f}",
        )

    @admin.display(description="what readers get")
    def crop_previews(self, obj):
        if not (obj.rendition_cache or {}).get("crops"):
            return "The renditions are being made: reload the page in a moment."
        return format_html_join(
            "",
            '<figure class="crop-preview"><img src="{}" alt="" height="120">'
            "<figcaption>{}</figcaption></figure>",
            (
                (images.rendition_url(obj, crop, 320), label)
                for crop, label in ((Crop.WIDE, "16:9 card"), (Crop.SQUARE, "1:1 thumbnail"))
            ),
        )


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


class VisibleArticlesMixin:
    """Every field that takes an article offers, and accepts, only the articles
    this person may see (articles/editorial/permissions.py): a draft's id sent
    in a form is refused, and its headline never shown."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Article:
            kwargs["queryset"] = permissions.visible_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "Needs review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "live":
            return queryset.published()
        if value in {"draft", "review", "unpublished"}:
            return queryset.filter(status=value)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mine")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(
                Q(created_by=request.user) | Q(bylines__author__user=request.user)
            ).distinct()
        return queryset


class ArticleAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_note = forms.CharField(
        label="Note to the writer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you send an article in review back to draft.",
    )
    revoke_previews = forms.BooleanField(
        label="Revoke share-preview links",
        required=False,
        help_text="Every preview link given out so far stops working.",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {"tags": TagAutocompleteWidget}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        if "status" in self.fields and user is not None and not permissions.is_editor(user):
            self.fields["status"].choices = [
                (Article.Status.DRAFT, "Draft"),
                (Article.Status.REVIEW, "In review (submit to the editors)"),
            ]

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if article.pk:
            # Refuse a save made over someone else's: lock the row for the rest of
            # this request and compare versions.
            current = (
                Article.objects.select_for_update()
                .filter(pk=article.pk)
                .values_list("version", "modified_at")
                .first()
            )
            loaded = cleaned.get("loaded_version")
            if current and loaded is not None and current[0] != loaded:
                raise forms.ValidationError(
                    "Someone else saved this article at %(time)s, after you opened it. "
                    "Your version was not saved and is still in this form: copy your "
                    "changes, reload the page and apply them again.",
                    code="stale",
                    params={"time": f"{timezone.localtime(current[1]):%H:%M:%S}"},
                )
        return cleaned

    def _post_clean(self):
        """With the form's values on the article, ask the workflow gate whether this
        person may save it: a refusal is a message on the form, nothing is saved."""
        super()._post_clean()
        if self.user is None or self.errors:
            return
        stored = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        try:
            workflow.check(
                self.user, stored, self.instance, note=self.cleaned_data.get("review_note", "")
            )
        except ValidationError as error:
            self.add_error(None, error)
        except PermissionDenied as error:
            self.add_error("status" if "status" in self.fields else None, str(error))


@admin.register(Article)
class ArticleAdmin(VisibleArticlesMixin, admin.ModelAdmin):
    Media = EditorsMedia
    form = ArticleAdminForm
    object_history_template = "admin/articles/article/object_history.html"
    list_display = [
        "headline",
        "state",
        "section",
        "byline",
        "published_at",
        "like_count",
        "comment_count",
    ]
    list_filter = [StateFilter, MineFilter, "is_developing", "section", "authors"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image", "check_also"]
    inlines = [
        BylineInline,
        ArticleImageInline,
        RelatedLinkInline,
        LiveUpdateInline,
        ArticleNoteInline,
        ArticleEventInline,
    ]
    actions = ["submit_for_review", "publish_now", "unpublish_selected"]
    save_on_top = True

    def get_fieldsets(self, request, obj=None):
        publishing = [
            "status",
            "published_at",
            "unpublish_at",
            "is_developing",
            "comments_enabled",
            "check_also",
        ]
        if obj is not None:
            publishing += ["share_preview", "revoke_previews"]
            if permissions.is_editor(request.user) and obj.status == Article.Status.REVIEW:
                publishing.insert(1, "review_note")
        fieldsets = [
            (None, {"fields": ["headline", "slug", "standfirst", "lead_image", "body"]}),
            ("Filing", {"fields": ["section", "tags"]}),
            ("Publishing", {"fields": publishing}),
        ]
        if obj is not None:
            fieldsets.append(
                (
                    "Record",
                    {
                        "fields": [("created_by", "created_at"), ("modified_at", "updated_at")],
                        "classes": ["collapse"],
                    },
                )
            )
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["updated_at", "created_at", "modified_at", "created_by", "share_preview"]
        if not permissions.is_editor(request.user):
            readonly += ["published_at", "unpublish_at"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class FormForUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=user, **inner)

        return FormForUser

    @admin.display(description="share preview")
    def share_preview(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.is_public:
            return "The article is public: share its address."
        hours = settings.NEWSROOM_PREVIEW_HOURS
        return format_html(
            '<a href="{0}" target="_blank" rel="noopener">{0}</a><br>'
            "<small>Anyone with this link can read the article for {1} hours, "
            "unless you revoke it. It is never indexed by search engines.</small>",
            previews.link(obj),
            hours,
        )

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return format_html(
                "Scheduled for {}", f"{timezone.localtime(obj.published_at):%d %b %Y %H:%M}"
            )
        return obj.state_label

    def get_urls(self):
        wrap = self.admin_site.admin_view
        extra = [
            path(
                "tag-suggestions/",
                wrap(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return [*extra, *super().get_urls()]

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
        queryset = (
            super()
            .get_queryset(request)
            .select_related("section")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        return permissions.visible_articles(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.is_public or permissions.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete(request.user, obj) and super().has_delete_permission(
            request, obj
        )

    @admin.display(description="authors")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article and what belongs to it are saved together by
        the workflow gate, in save_related."""

    def save_related(self, request, form, formsets, change):
        article = form.instance
        # Placements were chosen against the body as it was when the form was drawn;
        # they move with their paragraphs once everything is saved.
        before = article._stored.get("body", "") if change else ""

        def related():
            super(ArticleAdmin, self).save_related(request, form, formsets, change)
            if change and before != article.body:
                self._reanchor(article, before)

        workflow.save(
            article,
            request.user,
            note=form.cleaned_data.get("review_note", ""),
            related=related,
            # A list of what changed, as the admin's history shows it (reversion
            # reads it back with Revision.get_comment()).
            comment=lambda: json.dumps(
                self.construct_change_message(request, form, formsets, not change)
            ),
        )
        if change and form.cleaned_data.get("revoke_previews"):
            previews.revoke(article)
            workflow.record(article, request.user, ArticleEvent.Action.PREVIEW_REVOKED)

    def save_formset(self, request, form, formset, change):
        new_notes = [
            f.instance for f in formset.forms
            if formset.model is ArticleNote and f.has_changed() and not f.instance.pk
            and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]  # fmt: skip
        super().save_formset(request, form, formset, change)
        if new_notes:
            article = form.instance
            # A correction changes the article: readers see it as "Updated".
            Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
            for note in new_notes:
                workflow.record(article, request.user, ArticleEvent.Action.CORRECTED, note.text)

    @staticmethod
    def _reanchor(article, before):
        new_position = body_rules.reanchor(before, article.body)
        for model in (ArticleImage, RelatedLink):
            for placement in model.objects.filter(article=article):
                moved = new_position(placement.after_paragraph)
                if moved != placement.after_paragraph:
                    placement.after_paragraph = moved
                    placement.save(update_fields=["after_paragraph"])

    # --- Bulk actions: the workflow's transitions --------------------------------

    def _bulk(self, request, queryset, transition, done):
        count, refused = 0, []
        for article in queryset:
            try:
                transition(article, request.user)
                count += 1
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"“{article}”: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if count:
            self.message_user(request, f"{count} article(s) {done}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Submit the selected drafts for review")
    def submit_for_review(self, request, queryset):
        self._bulk(request, queryset, workflow.submit, "submitted for review")

    @admin.action(description="Publish the selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._bulk(request, queryset, workflow.publish, "published (or scheduled)")

    @admin.action(description="Unpublish the selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.unpublish, "unpublished")

    def has_publish_permission(self, request):
        return permissions.is_editor(request.user)

    # --- Revisions: compare any two, restore one (through the workflow gate) -------

    def _versions(self, request, object_id):
        """The article and its versions, for people who may see its unpublished
        states: editors, and the writers whose article it is."""
        article = self.get_object(request, object_id)
        if article is None or not permissions.can_view(request.user, article):
            raise PermissionDenied
        return article, Version.objects.get_for_object(article).select_related("revision__user")

    def history_view(self, request, object_id, extra_context=None):
        """Every revision with who and when, to compare any two or restore one."""
        article, versions = self._versions(request, object_id)
        versions = list(versions.order_by("-revision__date_created", "-pk"))
        newest = versions[0] if versions else None
        action_list = [
            {
                "revision": version.revision,
                "version": version,
                "compare_url": (
                    f"{reverse('admin:articles_article_compare', args=[article.pk])}"
                    f"?a={version.pk}&b={newest.pk}"
                ),
                "restore_url": reverse(
                    "admin:articles_article_restore", args=[article.pk, version.pk]
                ),
            }
            for version in versions
        ]
        context = {
            "action_list": action_list,
            "can_restore": self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def _page(self, request, article, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": title,
            **context,
        }

    def compare_view(self, request, object_id):
        article, versions = self._versions(request, object_id)
        try:
            older = versions.get(pk=int(request.GET.get("a", "")))
            newer = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two versions to compare.")
            return redirect("admin:articles_article_history", article.pk)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = self._page(
            request,
            article,
            f"Compare versions of “{article}”",
            older=older,
            newer=newer,
            diffs=revisions.compare(older.field_dict, newer.field_dict),
            can_restore=self.has_change_permission(request, article),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        """GET asks for confirmation (what the version would bring back); POST
        restores it through the workflow gate."""
        article, versions = self._versions(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(versions, pk=version_id)
        saved = timezone.localtime(version.revision.date_created)
        if request.method == "POST":
            workflow.restore(article, version, request.user)
            messages.success(
                request,
                f"Restored the version of {saved:%d %b %Y %H:%M} as a new revision. "
                "The article's state did not change.",
            )
            return redirect("admin:articles_article_change", article.pk)
        current = {name: getattr(article, name) for name, _ in revisions.COMPARED}
        context = self._page(
            request,
            article,
            f"Restore the version of {saved:%d %b %Y %H:%M}?",
            version=version,
            diffs=revisions.compare(current, version.field_dict, labels=("Now", "This version")),
        )
        return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)


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
        if SiteSettings.objects.exists():
            return redirect("admin:articles_sitesettings_change", 1)
        return redirect("admin:articles_sitesettings_add")
