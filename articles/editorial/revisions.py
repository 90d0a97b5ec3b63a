"""Articles' and pages' revisions (django-reversion): what a revision keeps, and a
readable comparison of two (restoring one goes through the workflow gate,
articles/editorial/workflow.py, or the page gate, articles/editorial/pages.py)."""

import re
from difflib import SequenceMatcher

import reversion
from django.template.defaultfilters import pluralize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import body as body_rules
from ..models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    Byline,
    Page,
    RelatedLink,
)


def register():
    """Revisions keep the article with its byline, images and related stories. Notes,
    live updates and the audit trail are history themselves: restoring an earlier
    version never takes them away. (Called once, from the app config's ready().)"""
    reversion.register(Byline)
    reversion.register(ArticleImage)
    reversion.register(RelatedLink)
    reversion.register(ArticleGallery)
    reversion.register(ArticleEmbed)
    reversion.register(
        Article,
        follow=["bylines", "figures", "related_links", "galleries", "embeds"],
        exclude=["version"],
    )
    # Pages keep their words' history too (saved through articles/editorial/pages.py).
    reversion.register(Page, exclude=["updated_at"])


COMPARED = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]
PAGE_COMPARED = [("title", "Title"), ("summary", "Summary"), ("body", "Body")]


def _paragraphs(name, value):
    if name == "body":
        return body_rules.paragraph_texts(value or "")
    return [value or ""]


def _tokens(text):
    """Words and the spaces between them: a diff by words never splits one."""
    return re.findall(r"\s+|\S+", text)


def word_diff(before, after):
    """The two texts as HTML, removed words in <del> on the old side and added
    ones in <ins> on the new (escaped)."""
    a, b = _tokens(before), _tokens(after)
    old, new = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            old.append(escape(left))
            new.append(escape(right))
            continue
        if left:
            old.append(format_html("<del>{}</del>", left))
        if right:
            new.append(format_html("<ins>{}</ins>", right))
    return mark_safe("".join(old)), mark_safe("".join(new))  # noqa: S308 - escaped above


def _rows(before, after):
    """Paragraph pairs (number, old HTML, number, new HTML) for what changed, with
    one unchanged paragraph of context either side and the rest counted."""
    rows = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            rows += _context(
                before, i1, i2, j1, after_change=index > 0, before_change=index < len(opcodes) - 1
            )
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            old = before[i1 + k] if i1 + k < i2 else None
            new = after[j1 + k] if j1 + k < j2 else None
            left, right = word_diff(old or "", new or "")
            rows.append(
                (
                    "changed",
                    i1 + k + 1 if old is not None else "",
                    left,
                    j1 + k + 1 if new is not None else "",
                    right,
                )
            )
    return rows


def _context(before, i1, i2, j1, *, after_change, before_change):
    """Unchanged paragraphs: the one next to each change, the others counted."""
    count = i2 - i1
    shown = {0} if after_change else set()
    if before_change:
        shown.add(count - 1)
    rows = []
    for k in sorted(shown):
        text = escape(before[i1 + k])
        rows.append(("same", i1 + k + 1, text, j1 + k + 1, text))
    hidden = count - len(shown)
    if hidden:
        rows.insert(1 if 0 in shown else 0, ("skip", hidden, "", "", ""))
    return rows


def _table(rows, labels):
    head = format_html(
        '<thead><tr><th scope="col" colspan="2">{}</th><th scope="col" colspan="2">{}</th>'
        "</tr></thead>",
        *labels,
    )
    body = format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<tr class="revision-skip"><td colspan="4">{} unchanged paragraph{}</td></tr>',
                    old_number,
                    pluralize(old_number),
                )
                if kind == "skip"
                else format_html(
                    '<tr class="revision-{}"><td class="revision-number">{}</td><td>{}</td>'
                    '<td class="revision-number">{}</td><td>{}</td></tr>',
                    kind,
                    old_number,
                    old,
                    new_number,
                    new,
                ),
            )
            for kind, old_number, old, new_number, new in rows
        ),
    )
    return format_html('<table class="revision-diff">{}<tbody>{}</tbody></table>', head, body)


def compare(older, newer, labels=("Older", "Newer"), fields=COMPARED):
    """A readable diff, field by field, of two versions' field dicts: paragraph by
    paragraph, the changed words marked (a diff by words, in the admin's own type)."""
    out = []
    for name, label in fields:
        before = _paragraphs(name, older.get(name))
        after = _paragraphs(name, newer.get(name))
        out.append(
            {
                "label": label,
                "changed": before != after,
                "table": _table(_rows(before, after), labels),
            }
        )
    return out
