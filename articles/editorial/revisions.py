"""Comparing an article's revisions (kept by django-reversion; restoring one goes
through the workflow gate, articles/editorial/workflow.py)."""

import difflib

from django.utils.safestring import mark_safe

from .. import body as body_rules

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
