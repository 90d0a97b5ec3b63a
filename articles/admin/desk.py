"""The article admin's side of the editors' desk (articles/editorial/desk.py):
autosave and edit-lock addresses for static/js/article-desk.js, the lock taken
when the change form opens, the notice when someone else has it open."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from ..editorial import desk


class DeskMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("autosave/", wrap(self.autosave_view), name="articles_article_autosave_new"),
            path(
                "<path:object_id>/autosave/",
                wrap(self.autosave_view),
                name="articles_article_autosave",
            ),
            path("<path:object_id>/lock/", wrap(self.lock_view), name="articles_article_lock"),
            *super().get_urls(),
        ]

    def _editable(self, request, object_id):
        """The article as stored, if this person may change it (403 or 404 if not)."""
        if object_id is None:
            desk.may_edit(request.user, None)
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        desk.may_edit(request.user, article)
        return article

    def autosave_view(self, request, object_id=None):
        """GET: the autosave to offer ({"autosave": null} when there is none).
        POST `data` (the form's fields as JSON): keep it, renew the lock, answer
        with the time and the lock. POST `discard`: drop the copy."""
        article = self._editable(request, object_id)
        if request.method == "GET":
            copy = desk.offered(request.user, article)
            return JsonResponse(
                {
                    "autosave": copy and desk.describe(copy, article),
                    "every": settings.NEWSROOM_AUTOSAVE_SECONDS,
                }
            )
        if request.method != "POST":
            return JsonResponse({"error": "GET or POST."}, status=405)
        if request.POST.get("discard"):
            desk.discard(request.user, article)
            return JsonResponse({"discarded": True})
        try:
            pairs = json.loads(request.POST["data"])
            based_on = int(request.POST["based_on"]) if request.POST.get("based_on") else None
            copy = desk.autosave(request.user, article, pairs, based_on=based_on)
        except (KeyError, ValueError) as error:
            return JsonResponse({"error": f"Not autosaved: {error}"}, status=400)
        answer = {"saved_at": desk.clock(copy.saved_at)}
        if article is not None:
            answer["lock"] = desk.heartbeat(request.user, article).as_json()
        return JsonResponse(answer)

    def lock_view(self, request, object_id):
        """GET: who has the article open. POST `action=heartbeat`: this person's
        page is still open. POST `action=take_over` (a plain form button): take
        the article from whoever has it, and back to it."""
        article = self._editable(request, object_id)
        if request.method == "GET":
            return JsonResponse(desk.lock_state(request.user, article).as_json())
        if request.method != "POST":
            return JsonResponse({"error": "GET or POST."}, status=405)
        action = request.POST.get("action")
        if action == "take_over":
            desk.take_over(request.user, article)
            messages.success(request, "You are editing this article now.")
            return redirect("admin:articles_article_change", article.pk)
        if action == "heartbeat":
            return JsonResponse(desk.heartbeat(request.user, article).as_json())
        return JsonResponse({"error": "Say heartbeat or take_over."}, status=400)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._open(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def _open(self, request, object_id):
        """Take the lock as the form opens, or say who has the article open."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_change_permission(request, article):
            return
        try:
            state = desk.open_article(request.user, article)
        except PermissionDenied:
            return
        if state.mine:
            return
        messages.warning(
            request,
            format_html(
                '<span data-testid="edit-lock">{}</span> '
                '<form method="post" action="{}" class="desk-take-over">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="action" value="take_over">'
                '<button type="submit" class="button">Take over</button></form>'
                " Your changes would be refused if they save first.",
                state.notice,
                reverse("admin:articles_article_lock", args=[article.pk]),
                get_token(request),
            ),
        )

    def desk_saved(self, request, article, add):
        """The article was saved from the form: its autosave is spent."""
        desk.discard(request.user, None if add else article)
