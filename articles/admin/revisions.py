"""Revisions in the admin, for articles and pages: the History page lists them, any
two can be compared, and one restored (through the model's gate). django-reversion's
own recover and revision views are not used: they write old versions straight to
the table and cannot be guarded.

An admin that uses `RevisionsMixin` says who may see an object's history
(`may_see_history`), how a version is restored (`restore_version`), which fields are
compared and what a restore brings back (`revision_text`)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from core import times

from ..editorial import revisions
from .actions import refusal

TEMPLATES = "admin/articles/revisions/"


class RevisionsMixin:
    """History, compare and restore views for a model admin."""

    object_history_template = TEMPLATES + "object_history.html"
    compared_fields = revisions.COMPARED
    # What a restore brings back, and what it leaves as it is (said on its pages).
    restores = "words"
    keeps = "never changes its state"

    def may_see_history(self, request, obj):
        raise NotImplementedError

    def restore_version(self, request, obj, version):
        raise NotImplementedError

    def state_of(self, obj):
        return obj.get_status_display()

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        extra = [
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=self._url_name("compare"),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=self._url_name("restore"),
            ),
        ]
        return [*extra, *super().get_urls()]

    def _versions(self, request, object_id):
        """The object and its versions, for people who may see its history."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.may_see_history(request, obj):
            raise PermissionDenied
        return obj, Version.objects.get_for_object(obj).select_related("revision__user")

    def _urls(self, obj):
        def name(view):
            return f"admin:{self._url_name(view)}"

        return {
            "changelist": reverse(name("changelist")),
            "change": reverse(name("change"), args=[obj.pk]),
            "history": reverse(name("history"), args=[obj.pk]),
            "compare": reverse(name("compare"), args=[obj.pk]),
        }

    def _restore_url(self, obj, version):
        return reverse(f"admin:{self._url_name('restore')}", args=[obj.pk, version.pk])

    def history_view(self, request, object_id, extra_context=None):
        """Every revision with who and when, to compare any two or restore one."""
        obj, versions = self._versions(request, object_id)
        versions = list(versions.order_by("-revision__date_created", "-pk"))
        newest = versions[0] if versions else None
        urls = self._urls(obj)
        action_list = [
            {
                "revision": version.revision,
                "version": version,
                "compare_url": f"{urls['compare']}?a={version.pk}&b={newest.pk}",
                "restore_url": self._restore_url(obj, version),
            }
            for version in versions
        ]
        context = {
            "action_list": action_list,
            "can_restore": self.has_change_permission(request, obj),
            "revision_urls": urls,
            "restores": self.restores,
            "keeps": self.keeps,
            **(extra_context or {}),
        }
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def _page(self, request, obj, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "revision_urls": self._urls(obj),
            "restores": self.restores,
            "keeps": self.keeps,
            "state": self.state_of(obj),
            **context,
        }

    def compare_view(self, request, object_id):
        obj, versions = self._versions(request, object_id)
        try:
            older = versions.get(pk=int(request.GET.get("a", "")))
            newer = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two versions to compare.")
            return redirect(f"admin:{self._url_name('history')}", obj.pk)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        can_restore = self.has_change_permission(request, obj)
        context = self._page(
            request,
            obj,
            f"Compare versions of “{obj}”",
            older=older,
            newer=newer,
            diffs=revisions.compare(
                older.field_dict, newer.field_dict, fields=self.compared_fields
            ),
            can_restore=can_restore,
            restore_url=self._restore_url(obj, older) if can_restore else "",
        )
        return TemplateResponse(request, TEMPLATES + "compare.html", context)

    def restore_view(self, request, object_id, version_id):
        """GET asks for confirmation (what the version would bring back); POST
        restores it through the model's gate."""
        obj, versions = self._versions(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(versions, pk=version_id)
        saved = times.shown(version.revision.date_created)
        if request.method == "POST":
            try:
                self.restore_version(request, obj, version)
            except ValidationError as error:
                # The gate refused what the version would make (no author, say):
                # nothing changed, and the history says why.
                messages.error(
                    request, f"The version of {saved} was not restored. {refusal(error)}"
                )
                return redirect(f"admin:{self._url_name('history')}", obj.pk)
            messages.success(
                request,
                f"Restored the version of {saved} as a new revision. "
                f"The {self.opts.verbose_name}'s state did not change.",
            )
            return redirect(f"admin:{self._url_name('change')}", obj.pk)
        current = {name: getattr(obj, name) for name, _ in self.compared_fields}
        context = self._page(
            request,
            obj,
            f"Restore the version of {saved}?",
            version=version,
            diffs=revisions.compare(
                current,
                version.field_dict,
                labels=("Now", "This version"),
                fields=self.compared_fields,
            ),
        )
        return TemplateResponse(request, TEMPLATES + "restore_confirm.html", context)
