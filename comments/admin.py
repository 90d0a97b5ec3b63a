from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.text import Truncator

from . import moderation
from .models import Comment, ModerationWord


class CommentAdminMedia:
    css = {"all": ["css/admin.css"]}


def _bulk(action, verb):
    def run(modeladmin, request, queryset):
        done = 0
        for comment in queryset:
            moderation.ACTIONS[action](comment, by=request.user)
            done += 1
        modeladmin.message_user(
            request, f"{done} comment{'s' if done != 1 else ''} {verb}.", messages.SUCCESS
        )

    run.__name__ = f"{action}_comments"
    run.short_description = f"{verb.capitalize()} the selected comments"
    run.allowed_permissions = ("moderate",)
    return run


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
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
        _bulk("approve", "approved"),
        _bulk("spam", "marked as spam"),
        _bulk("remove", "removed"),
        _bulk("restore", "restored to pending"),
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
        return format_html(
            '<a href="{}#comment-{}">{}</a>',
            obj.article.get_absolute_url(),
            obj.pk,
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
