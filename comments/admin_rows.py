"""One-click moderation on each row of the comment list: Approve, Spam, Trash and
Reply as the site, as WordPress has them, beside the bulk actions.

Each row's buttons submit the list's own form (its CSRF token) to the comment's
moderation address with `formaction`, so they work without JavaScript; the
script (static/js/comment-moderation.js) adds keyboard shortcuts. Every change
is one of `comments/moderation.py`'s functions: the admin holds no rule.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import SiteSettings

from . import moderation
from .models import Comment

# The keys the list answers to (comment-moderation.js reads them from the buttons).
KEYS = {"approve": "a", "spam": "s", "remove": "t", "restore": "u", "reply": "r"}


class RowModerationMixin:
    def get_urls(self):
        moderate = path(
            "<path:object_id>/moderate/",
            self.admin_site.admin_view(self.moderate_view),
            name="comments_comment_moderate",
        )
        return [moderate, *super().get_urls()]

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if not self.has_moderate_permission(request):
            return shown
        back = request.get_full_path()

        def moderate(obj):
            return self.row_buttons(obj, back)

        moderate.short_description = "moderate"
        # Beside the comment, where the eye is, as WordPress puts its row actions.
        return [*shown[:1], moderate, *shown[1:]]

    def row_buttons(self, comment, back):
        url = reverse("admin:comments_comment_moderate", args=[comment.pk])
        target = f"{url}?{urlencode({'next': back})}"
        buttons = format_html_join(
            "",
            '<button type="submit" class="button moderate-{0}" formaction="{1}" name="moderate"'
            ' value="{0}" data-moderate-key="{2}" title="{3} (key {2})">{3}</button>',
            (
                (action, target, KEYS[action], moderation.LABELS[action])
                for action in moderation.OFFERED[comment.status]
            ),
        )
        return format_html(
            '<div class="row-moderation">{}<a class="button moderate-reply" href="{}#reply"'
            ' data-moderate-key="r" title="Reply as the site (key r)">Reply</a></div>',
            buttons,
            target,
        )

    def moderate_view(self, request, object_id):
        """GET: the comment with its buttons and a reply box. POST: the action
        (`moderate`: approve, spam, remove, restore or reply), then back to the list."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        try:
            pk = int(object_id)
        except ValueError:
            raise Http404("No such comment.") from None
        comment = get_object_or_404(Comment.objects.select_related("article__section"), pk=pk)
        back = self._back(request)
        error = ""
        if request.method == "POST":
            action = request.POST.get("moderate", "")
            if action in moderation.ACTIONS:
                moderation.ACTIONS[action](comment, by=request.user)
                self.message_user(request, moderation.done_message(action, 1), messages.SUCCESS)
                return redirect(back)
            if action == "reply":
                try:
                    self._reply(request, comment)
                    return redirect(back)
                except moderation.Refused as refusal:
                    error = refusal.message
            else:
                error = "Choose what to do with the comment."
        return TemplateResponse(
            request,
            "admin/comments/comment/moderate.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Moderate the comment by {comment.name}",
                "comment": comment,
                "actions": [
                    (action, moderation.LABELS[action], KEYS[action])
                    for action in moderation.OFFERED[comment.status]
                ],
                "next": back,
                "error": error,
                "reply_text": request.POST.get("text", ""),
                "site_name": SiteSettings.current().name,
            },
            status=400 if error else 200,
        )

    def _reply(self, request, comment):
        site = SiteSettings.current()
        created = moderation.reply(
            comment,
            text=request.POST.get("text", "")[:5000],
            by=request.user,
            name=site.name,
            email=request.user.email or settings.DEFAULT_FROM_EMAIL,
        )
        self.message_user(
            request,
            f"Replied to {comment.name} as {site.name}; the reply is published.",
            messages.SUCCESS,
        )
        return created

    def _back(self, request):
        """Where the list was (its filters and page), if it is ours; else the queue."""
        wanted = request.POST.get("next") or request.GET.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return wanted
        return reverse("admin:comments_comment_changelist")
