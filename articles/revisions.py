"""Comparing and restoring an article's revisions (kept by django-reversion)."""

import difflib

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import body as body_rules
from . import workflow
from .models import Article, ArticleEvent

COMPARED = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]


def _lines(name, value):
    if name == "body":
        return body_rules.paragraph_texts(value or "")
    return [value or ""]


def compare(older, newer):
    """A readable diff, field by field, of two versions' field dicts."""
    differ = difflib.HtmlDiff(wrapcolumn=60)
    out = []
    for name, label in COMPARED:
        before, after = _lines(name, older.get(name)), _lines(name, newer.get(name))
        out.append(
            {
                "label": label,
                "changed": before != after,
                # HtmlDiff escapes the text it shows.
                "table": mark_safe(  # noqa: S308
                    differ.make_table(before, after, "Older", "Newer", context=name == "body")
                ),
            }
        )
    return out


@transaction.atomic
def restore(article, version, user):
    """Put an earlier version back, as a new revision (history is never rewritten)."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    version.revision.revert(delete=True)
    restored = Article.objects.get(pk=article.pk)
    restored.version = current.version
    with reversion.create_revision():
        restored.save()
        reversion.set_user(user)
        reversion.set_comment(
            "Restored the version of "
            f"{timezone.localtime(version.revision.date_created):%d %b %Y %H:%M}"
        )
    workflow.record(restored, user, ArticleEvent.Action.RESTORED)
    return restored
