"""An article's revisions (django-reversion): what a revision keeps, and a readable
comparison of two (restoring one goes through the workflow gate,
articles/editorial/workflow.py)."""

import difflib

import reversion
from django.utils.safestring import mark_safe

from .. import body as body_rules
from ..models import Article, ArticleImage, Byline, RelatedLink


def register():
    """Revisions keep the article with its byline, images and related stories. Notes,
    live updates and the audit trail are history themselves: restoring an earlier
    version never takes them away. (Called once, from the app config's ready().)"""
    reversion.register(Byline)
    reversion.register(ArticleImage)
    reversion.register(RelatedLink)
    reversion.register(Article, follow=["bylines", "figures", "related_links"], exclude=["version"])


COMPARED = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]


def _lines(name, value):
    if name == "body":
        return body_rules.paragraph_texts(value or "")
    return [value or ""]


def compare(older, newer, labels=("Older", "Newer")):
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
                    differ.make_table(before, after, *labels, context=name == "body")
                ),
            }
        )
    return out
