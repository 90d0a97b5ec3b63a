"""Embed previews in the admin: whether each embedded address's title and thumbnail
came from its provider, why not when they did not, and "Fetch again"."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from .. import previews
from ..editorial import permissions
from ..models import ArticleEmbed, EmbedPreview
from .widgets import EditorsMedia


@admin.register(EmbedPreview)
class EmbedPreviewAdmin(admin.ModelAdmin):
    Media = EditorsMedia
    list_display = ["url", "status", "title", "picture", "problem", "fetched_at"]
    list_filter = ["status"]
    search_fields = ["url", "title", "author"]
    fields = ["url", "status", "title", "author", "picture", "problem", "fetched_at"]
    readonly_fields = fields
    actions = ["fetch_again"]

    def get_queryset(self, request):
        """Writers see the previews of the articles they may see only."""
        queryset = super().get_queryset(request)
        if permissions.is_editor(request.user):
            return queryset
        visible = permissions.visible_articles(request.user).values("pk")
        embedded = ArticleEmbed.objects.filter(article_id__in=visible).values("url")
        return queryset.filter(url__in=embedded)

    def has_module_permission(self, request):
        return permissions.can_create(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_create(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # what a preview says comes from its provider, never typed

    def has_fetch_permission(self, request):
        return permissions.can_create(request.user)

    def has_add_permission(self, request):
        return False  # a preview comes from an embed, never typed

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="thumbnail")
    def picture(self, obj):
        if not obj.thumbnail:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="embed-preview-thumbnail">', obj.thumbnail.url
        )

    @admin.action(description="Fetch again from the provider", permissions=["fetch"])
    def fetch_again(self, request, queryset):
        urls = list(queryset.values_list("url", flat=True))
        queryset.update(status=EmbedPreview.Status.WAITING, problem="")
        for url in urls:
            previews.schedule(url)
        self.message_user(
            request,
            f"Asking the providers again for {len(urls)} preview(s): reload this page "
            "in a moment to see how it went.",
            messages.SUCCESS,
        )


def preview_state(embed):
    """What an embed's block in the body editor says about its preview (one query)."""
    preview = EmbedPreview.objects.filter(url=embed.url).first()
    if preview is None:
        return "Fetched from the provider when you save."
    where = reverse("admin:articles_embedpreview_change", args=[preview.pk])
    if preview.status == EmbedPreview.Status.FAILED:
        return format_html(
            '{}: {} <a href="{}">See it and fetch again</a>',
            preview.get_status_display().capitalize(),
            preview.problem,
            where,
        )
    detail = preview.title or preview.problem
    return format_html(
        '{}{} <a href="{}">See it</a>',
        preview.get_status_display().capitalize(),
        f": {detail}" if detail else ".",
        where,
    )
