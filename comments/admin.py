from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.text import Truncator

from . import moderation
from .admin_rows import RowModerationMixin
from .models import Comment, ModerationWord


class CommentAdminMedia:
    css = {"all": ["css/admin.css"]}
    js = ["js/comment-moderation.js"]


def _bulk(action, description):
    def run(modeladmin, request, queryset):
        done = 0
        for comment in queryset:
            moderation.ACTIONS[action](comment, by=request.user)
            done += 1
        modeladmin.message_user(request, moderation.done_message(action, done), messages.SUCCESS)

    run.__name__ = f"{action}_comments"
    run.short_description = description
    run.allowed_permissions = ("moderate",)
    return run


@admin.register(Comment)
class CommentAdmin(RowModerationMixin, admin.ModelAdmin):
    """The moderation queue: pending comments first, signals at a glance."""

    Media = CommentAdminMedia
    list_display = [
        "excerpt",
        "name",
        "state",
        "article_link",
        "signal_list",
        "ip_address",
        "submitted_at",
    ]
    list_filter = ["status", "submitted_at", ("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "text", "ip_address"]
    date_hierarchy = "submitted_at"
    list_select_related = ["article__section"]
    actions = [
        _bulk("approve", "Approve the selected comments"),
        _bulk("spam", "Mark the selected comments as spam"),
        _bulk("remove", "Move the selected comments to the trash"),
        _bulk("restore", "Restore the selected comments to pending"),
    ]
    readonly_fields = [
        "article_link", "parent", "name", "email", "website", "text", "state", "signal_list",
        "ip_address", "user_agent", "submitted_at", "moderated_by", "moderated_at",
    ]  # fmt: skip
    fields = readonly_fields
    list_per_page = 50

    def get_ordering(self, request):
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-submitted_at"]

    def has_add_permission(self, request):
        return False  # readers write comments; moderators act on them

    def has_delete_permission(self, request, obj=None):
        return False  # removal is a state, nothing is deleted from the admin

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description="comment")
    def excerpt(self, obj):
        return Truncator(obj.text).chars(90)

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return format_html(
            '<span class="comment-state comment-state-{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description="article")
    def article_link(self, obj):
        # The comment's permalink: it finds the page of comments it is on.
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_absolute_url(),
            Truncator(obj.article.headline).chars(50),
        )

    @admin.display(description="signals")
    def signal_list(self, obj):
        return ", ".join(obj.signals) or "—"


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "created_at"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["word"]
