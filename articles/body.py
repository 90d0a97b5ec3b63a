"""
An article's body: sanitised rich text, split into paragraphs, with images and
related stories placed between them.

Editors never type markup. The prose is edited in a rich-text editor; images and
related links are rows of their own that say which paragraph they follow. When
the prose is edited, `reanchor` moves each placement with its paragraph, so an
image stays next to the words it illustrates even when paragraphs are added,
removed or rewritten above it.
"""

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import Any

import nh3
from django.utils.safestring import mark_safe

# What the body holds, and what the editor (django-prose-editor) may write: the same
# allowlist, so nothing an editor sees is lost on save. Tables are kept inside
# <figure class="table"> (the reader's page scrolls a wide one on a phone); the editor
# writes bare tables, which `sanitize` wraps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "CodeBlock": True,
    "HorizontalRule": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}
TABLE_TAGS = {"figure", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS = {
    "p", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br",
    "sup", "sub", "code", "pre", "hr", *TABLE_TAGS,
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
VOID_TAGS = {"br", "hr"}
INLINE_TAGS = {"strong", "em", "a", "sup", "sub", "code"}
# A table's figure, and the tags that open and close around a table.
TABLE_FIGURE = '<figure class="table">'
TABLE_NESTING = re.compile(r"<(/?)(figure|table)\b[^>]*>")

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes={"figure": {"table"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize(markup):
    """Keep only the allowlisted tags and attributes (nh3). Idempotent."""
    if not markup:
        return ""
    cleaned = _cleaner.clean(markup).strip()
    # An editor's empty document is a single empty paragraph.
    if re.fullmatch(r"(<p>\s*(<br>)?\s*</p>\s*)*", cleaned):
        return ""
    return _table_figures(cleaned) if "<table" in cleaned or "<figure" in cleaned else cleaned


def _table_figures(cleaned):
    """Every table outside a figure in <figure class="table">, and every figure
    outside a table that figure (the editor writes bare tables). `cleaned` is nh3's
    output, whose tags are balanced."""
    out, position, depth, wrapped = [], 0, 0, False
    for match in TABLE_NESTING.finditer(cleaned):
        if match[1]:  # a closing tag
            depth -= 1
            if depth == 0 and wrapped:
                out.append(cleaned[position : match.end()] + "</figure>")
                position, wrapped = match.end(), False
            continue
        if depth == 0:
            out.append(cleaned[position : match.start()] + TABLE_FIGURE)
            wrapped = match[2] == "table"
            position = match.start() if wrapped else match.end()
        depth += 1
    out.append(cleaned[position:])
    return "".join(out)


class _BlockSplitter(HTMLParser):
    """Cuts sanitised HTML into its top-level blocks, re-serialising as it goes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.current = []
        self.depth = 0
        self.loose = []  # text outside any block, wrapped in <p> when it ends
        self.inline_depth = 0

    def _flush_loose(self):
        text = "".join(self.loose).strip()
        if text:
            self.blocks.append(f"<p>{text}</p>")
        self.loose = []

    def handle_starttag(self, tag, attrs):
        markup = self.get_starttag_text()
        if self.depth == 0:
            if tag in VOID_TAGS:  # a line break between loose lines ends a paragraph
                self._flush_loose()
                if tag == "hr":  # a rule is a block of its own
                    self.blocks.append("<hr>")
                return
            if tag in INLINE_TAGS:
                self.loose.append(markup)
                self.inline_depth += 1
                return
            self._flush_loose()
            self.current = [markup]
            self.depth = 1
            return
        self.current.append(markup)
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self.depth == 0:
            if self.inline_depth:
                self.loose.append(f"</{tag}>")
                self.inline_depth -= 1
            return
        self.current.append(f"</{tag}>")
        self.depth -= 1
        if self.depth == 0:
            self.blocks.append("".join(self.current))
            self.current = []

    def handle_data(self, data):
        escaped = html.escape(data, quote=False)
        if self.depth == 0:
            self.loose.append(escaped)
        else:
            self.current.append(escaped)

    def close(self):
        super().close()
        if self.current:
            self.blocks.append("".join(self.current))
        self._flush_loose()


def paragraphs(markup):
    """The body's top-level blocks (paragraphs, headings, lists, quotes) as HTML."""
    if not markup:
        return []
    splitter = _BlockSplitter()
    splitter.feed(sanitize(markup))
    splitter.close()
    return splitter.blocks


def paragraph_texts(markup):
    """Each block's plain text, whitespace collapsed: for choosing and matching."""
    return [" ".join(nh3.clean(block, tags=set()).split()) for block in paragraphs(markup)]


@dataclass
class Block:
    kind: str  # "html", "figure" or "related"
    html: str = ""
    item: Any = None


def compose(markup, figures, related_links):
    """Interleave the body's blocks with what is placed after them.

    A placement beyond the last paragraph goes to the end rather than vanishing.
    """
    blocks = paragraphs(markup)
    after = {}
    for kind, items in (("figure", figures), ("related", related_links)):
        for item in items:
            position = min(max(item.after_paragraph, 0), len(blocks))
            after.setdefault(position, []).append(Block(kind, item=item))
    out = list(after.get(0, []))
    for number, block in enumerate(blocks, start=1):
        # Sanitised by nh3 on save and again here: the allowlist is the only way in.
        out.append(Block("html", html=mark_safe(block)))  # noqa: S308
        out.extend(after.get(number, []))
    return out


def reanchor(old_markup, new_markup):
    """Map "after paragraph N" in the old body to the same place in the new one.

    Paragraphs are matched with difflib: unchanged ones keep their identity even
    when others are inserted or deleted around them; a rewritten paragraph in
    the same place counts as the same paragraph; a placement whose paragraph was
    deleted moves up to the nearest paragraph that survived.
    """
    old, new = paragraph_texts(old_markup), paragraph_texts(new_markup)
    mapping = {0: 0}
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset, old_index in enumerate(range(i1, i2)):
            if tag in {"equal", "replace"} and j2 > j1:
                mapping[old_index + 1] = j1 + min(offset, j2 - j1 - 1) + 1
            else:
                mapping[old_index + 1] = j1

    def new_position(position):
        if position in mapping:
            return mapping[position]
        return len(new)

    return new_position
