"""
An article's body: sanitised rich text, split into paragraphs, with blocks
(images, related stories, galleries, embeds: articles/blocks.py) in its flow.

Editors never type markup. The body is edited in a rich-text editor, which
places a block at the cursor as an element naming what it shows; the reader's
page draws each block where it stands (`compose`).
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from django.db import models
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe

from . import blocks, embeds

# What the body holds, and what the editor (django-prose-editor) may write: the same
# allowlist, so nothing an editor sees is lost on save. Tables are kept inside
# <figure class="table"> (the reader's page scrolls a wide one on a phone); the editor
# writes bare tables, which `sanitize` wraps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3, 4]},
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
    # Word and character count, curly quotes as you type, and paste from word
    # processors that keeps headings, lists and tables (static/js/prose-writing.js).
    "NewsroomWriting": {
        "stashUrl": reverse_lazy("admin:images_captionedimage_stash"),
        "libraryAddUrl": reverse_lazy("admin:images_captionedimage_add"),
    },
    # Images, related stories, galleries and embeds placed at the cursor
    # (static/js/prose-blocks.js; articles/blocks.py).
    "NewsroomBlocks": {
        "blocksUrl": reverse_lazy("admin:articles_article_blocks"),
        "blockImageUrl": reverse_lazy("admin:articles_article_block_image"),
        "stashUrl": reverse_lazy("admin:images_captionedimage_stash"),
        "embedsSupported": f"Newsroom embeds {embeds.SUPPORTED}.",
    },
}
TABLE_TAGS = {"figure", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br",
    "sup", "sub", "code", "pre", "hr", "aside", *TABLE_TAGS,
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    **blocks.TAG_ATTRIBUTES,  # each with only the values a block may have
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
    attribute_filter=blocks.attribute_filter,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize(markup):
    """Keep only the allowlisted tags and attributes (nh3). Idempotent."""
    if not markup:
        return ""
    cleaned, restore = blocks.isolate(_cleaner.clean(markup).strip())
    # An editor's empty document is a single empty paragraph.
    if re.fullmatch(r"(<p>\s*(<br>)?\s*</p>\s*)*", cleaned):
        return ""
    if "<table" in cleaned or "<figure" in cleaned:
        cleaned = _table_figures(cleaned)
    return restore(cleaned)


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


# Any tag but an inline one parts words: list items, cells, line breaks, rules.
WORD_BREAKING_TAG = re.compile(r"<(?!/?(?:" + "|".join(sorted(INLINE_TAGS)) + r")\b)[^>]*>")


def plain_text(block):
    """A block's words as a reader reads them: no markup, entities decoded, words
    that a line break or a list item parts kept apart, whitespace collapsed."""
    text = nh3.clean(WORD_BREAKING_TAG.sub(" ", block), tags=set())
    return " ".join(html.unescape(text).split())


def paragraph_texts(markup):
    """Each block's plain text: for choosing and matching."""
    return [plain_text(block) for block in paragraphs(markup)]


@dataclass
class Block:
    kind: str  # "html", "figure", "related", "gallery" or "embed"
    html: str = ""
    item: Any = None


def compose(markup, item_for=lambda ref: None):
    """The body's pieces in order: prose as HTML, and each block with what it
    shows (`item_for(ref)`: an image, a story, a gallery, an embed), or nothing
    when that is missing (deleted, or a story not published)."""
    out = []
    for piece in paragraphs(markup):
        ref = blocks.parse(piece)
        if ref is None:
            # Sanitised by nh3 on save and again here: the allowlist is the only way in.
            out.append(Block("html", html=mark_safe(blocks.strip_nested(piece))))  # noqa: S308
            continue
        item = item_for(ref)
        if item is not None:
            out.append(Block(KINDS[ref.kind], item=item))
    return out


# The reader's name for each kind of block (reader_body.DRAWN_BY).
KINDS = {"image": "figure", "related": "related", "gallery": "gallery", "embed": "embed"}


def stored_rendering_field():
    """Article.reader_body: the body as readers see it, kept by articles/reader_body.py."""
    return models.JSONField(
        "body as readers see it",
        null=True,
        editable=False,
        help_text="Rendered when anything it shows changes (articles/reader_body.py).",
    )
