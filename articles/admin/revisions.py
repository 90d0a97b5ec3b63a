"""An article's revisions in the admin: the History page lists them, any two can be
compared, and one restored (through the workflow gate). django-reversion's own
recover and revision views are not used: they write old versions straight to
the table and cannot be guarded."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.models import Version

from ..editorial import permissions, revisions, workflow


class RevisionsMixin:
    """History, compare and restore views for the article admin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        extra = [
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
