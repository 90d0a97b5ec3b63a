"""How the admin writes a moment: one format everywhere an editor reads a time."""

from django.utils import timezone
from django.utils.formats import date_format


def shown(moment):
    """`moment` in the newsroom's time zone and the admin's own date format
    (DATETIME_FORMAT: "5 Dec 2026, 11:50 p.m."), as the article list's columns,
    History and the audit trail show it, so no two places disagree."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
