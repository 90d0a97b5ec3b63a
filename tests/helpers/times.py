"""Times relative to now."""

from datetime import timedelta

from django.utils import timezone


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)
