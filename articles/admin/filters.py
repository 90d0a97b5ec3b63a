"""The article list's filters: by workflow state, and the person's own."""

from django.contrib import admin
from django.db.models import Q


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
