"""The article list's bulk actions: the workflow's transitions, each article
through the gate (articles/editorial/workflow.py) as the person who asked."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from ..editorial import workflow


def refusal(error):
    """What a refusal says, naming the fields of a form's errors ("Standfirst: …")."""
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{name.capitalize()}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(getattr(error, "messages", [str(error)]))


def _bulk(modeladmin, request, queryset, transition, done):
    count, refused = 0, []
    for article in queryset:
        try:
            transition(article, request.user)
            count += 1
        except (PermissionDenied, ValidationError) as error:
            refused.append(f"“{article}”: {refusal(error)}")
    if count:
        modeladmin.message_user(request, f"{count} article(s) {done}.", messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, line, messages.WARNING)


@admin.action(description="Submit the selected drafts for review")
def submit_for_review(modeladmin, request, queryset):
    _bulk(modeladmin, request, queryset, workflow.submit, "submitted for review")


# "publish": the admin asks ArticleAdmin.has_publish_permission (editors only).
@admin.action(description="Publish the selected articles now", permissions=["publish"])
def publish_now(modeladmin, request, queryset):
    _bulk(modeladmin, request, queryset, workflow.publish, "published (or scheduled)")


@admin.action(description="Unpublish the selected articles", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    _bulk(modeladmin, request, queryset, workflow.unpublish, "unpublished")
