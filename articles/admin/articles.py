"""The article admin: the change form and list, wired to the workflow gate."""

import json

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import get_content_type_for_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from core import times

from ..editorial import permissions, previews, workflow
from ..models import Article, ArticleEvent, ArticleNote, Byline
from . import actions
from .blocks import BlocksMixin
from .desk import DeskMixin
from .filters import MineFilter, StateFilter
from .forms import ArticleAdminForm, VisibleArticlesMixin, for_user
from .inlines import (
    ArticleEventInline,
    ArticleNoteInline,
    BylineInline,
    LiveUpdateInline,
)
from .revisions import RevisionsMixin
from .widgets import EditorsMedia


@admin.register(Article)
class ArticleAdmin(BlocksMixin, DeskMixin, VisibleArticlesMixin, RevisionsMixin, admin.ModelAdmin):
    class Media(EditorsMedia):
        # Autosave, the unsaved-changes warning and the edit lock (articles/admin/desk.py).
        js = [*EditorsMedia.js, "js/article-desk.js"]

    form = ArticleAdminForm
    # Revisions (articles/admin/revisions.py): restoring goes through the workflow.
    restores = "headline, standfirst, body, byline, images and related stories"
    keeps = "never publishes or unpublishes it"
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
        LiveUpdateInline,
        ArticleNoteInline,
        ArticleEventInline,
    ]
    actions = [actions.submit_for_review, actions.publish_now, actions.unpublish_selected]
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
        return for_user(super().get_form(request, obj, change, **kwargs), request.user)

    @admin.display(description="share preview")
    def share_preview(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.is_public:
            return "The article is public: share its address."
        if obj.section_id is None:
            return "Choose a section first: a preview shows the article at its place on the site."
        hours = settings.NEWSROOM_PREVIEW_HOURS
        return format_html(
            '<a href="{0}" target="_blank" rel="noopener">{0}</a><br>'
            "<small>Anyone with this link can read the article for {1} hours, "
            "unless you revoke it. It is never indexed by search engines.</small>",
            previews.link(obj),
            hours,
        )

    def view_on_site(self, obj):
        """A draft not yet filed in a section has no page on the site to go to."""
        if obj.section_id is None:
            return None
        return reverse(
            "admin:view_on_site",
            kwargs={"content_type_id": get_content_type_for_model(obj).pk, "object_id": obj.pk},
            current_app=self.admin_site.name,
        )

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return format_html("Scheduled for {}", times.shown(obj.published_at))
        return obj.state_label

    def get_urls(self):
        tag_suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [tag_suggestions, *super().get_urls()]

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

    def may_see_history(self, request, obj):
        return permissions.can_view(request.user, obj)

    def restore_version(self, request, obj, version):
        workflow.restore(obj, version, request.user)

    def state_of(self, obj):
        return obj.state_label

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete(request.user, obj) and super().has_delete_permission(
            request, obj
        )

    def get_deleted_objects(self, objs, request):
        """Deleting an article takes what belongs to it (its byline, likes, reader
        comments, history) with it: an editor who may delete the article needs no
        permission of their own on each of those (comments, say, are never deleted
        one by one: removing a comment is a moderation state)."""
        to_delete, model_count, _perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        return to_delete, model_count, set(), protected

    @admin.display(description="authors")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article and what belongs to it are saved together by
        the workflow gate, in save_related."""

    def save_related(self, request, form, formsets, change):
        article = form.instance

        def related():
            super(ArticleAdmin, self).save_related(request, form, formsets, change)

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
        self.desk_saved(request, article, add=not change)
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

    def has_publish_permission(self, request):
        """May this person use the publishing actions (actions.py)? Editors."""
        return permissions.is_editor(request.user)
