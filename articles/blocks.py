"""Blocks in the body: an image, a related story, a gallery or an embed, placed
at a point of the text by an element that names what it shows.

    <figure data-block="image" data-image="42" data-align="left"></figure>
    <aside data-block="related" data-article="17"></aside>
    <aside data-block="related" data-url="https://…" data-headline="…" data-image="5"></aside>
    <figure data-block="gallery" data-gallery="3"></figure>
    <figure data-block="embed" data-url="https://…" data-title="…"></figure>

The body is the one place where a block is: editors move it with the text (cut,
paste, drag) in the body editor (static/js/prose-blocks.js). The element is
empty: what it shows (the picture, its caption and credit, the story's headline)
is looked up when the body is rendered, so it stays current. The placement rows
(ArticleImage, RelatedLink, ArticleGallery, ArticleEmbed) are derived from the
body on every save (`sync`): they answer "which articles show this image / link
to this article" for purging, Check Also and rendering again.
"""

import html
import re
from dataclasses import dataclass, field

# What each kind of block is written as, and the attributes it may carry.
ELEMENTS = {"image": "figure", "related": "aside", "gallery": "figure", "embed": "figure"}
ATTRIBUTES = {
    "image": ("data-image", "data-align"),
    "related": ("data-article", "data-url", "data-headline", "data-image"),
    "gallery": ("data-gallery",),
    "embed": ("data-url", "data-title"),
}
ALIGNMENTS = {"left", "right", "center"}
NUMBERS = {"data-image", "data-article", "data-gallery"}
TEXTS = {"data-headline": 200, "data-title": 200}
URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
# The sanitiser's allowlist for the block elements (articles/body.py).
TAG_ATTRIBUTES = {
    "figure": {"data-block", "data-image", "data-align", "data-gallery", "data-url", "data-title"},
    "aside": {"data-block", "data-article", "data-url", "data-headline", "data-image"},
}

# A block element as `canonical` writes it: the only form a sanitised body holds.
BLOCK = re.compile(r'<(figure|aside) data-block="(image|related|gallery|embed)"([^>]*)></\1>')
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
# Opening and closing figure/aside tags, for `isolate`.
NESTING = re.compile(r"<(/?)(figure|aside)\b([^>]*)>")


def attribute_filter(tag, name, value):
    """nh3's attribute filter: a block attribute keeps only a value it may have."""
    if tag not in TAG_ATTRIBUTES or not name.startswith("data-"):
        return value
    if name == "data-block":
        return value if ELEMENTS.get(value) == tag else None
    if name in NUMBERS:
        return value if value.isdigit() and len(value) < 12 else None
    if name == "data-align":
        return value if value in ALIGNMENTS else None
    if name == "data-url":
        return value if URL.fullmatch(value) and len(value) <= 1000 else None
    if name in TEXTS:
        return " ".join(value.split())[: TEXTS[name]]
    return None


@dataclass
class Ref:
    """One block of a body: its kind and attributes (without "data-")."""

    kind: str
    attrs: dict = field(default_factory=dict)

    def number(self, name):
        value = self.attrs.get(name, "")
        return int(value) if value.isdigit() else None

    @property
    def markup(self):
        return canonical(self.kind, self.attrs)


def canonical(kind, attrs):
    """The element for a block of `kind` with `attrs` ({"image": 42, "align": "left"}),
    or "" when it lacks what it needs to show anything."""
    tag = ELEMENTS[kind]
    values = {}
    for name in ATTRIBUTES[kind]:
        value = attrs.get(name.removeprefix("data-"))
        value = attribute_filter(tag, name, str(value)) if value not in (None, "") else None
        if value:
            values[name] = value
    if not _complete(kind, values):
        return ""
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in values.items())
    return f'<{tag} data-block="{kind}"{written}></{tag}>'


def _complete(kind, values):
    if kind == "related":
        return "data-article" in values or {"data-url", "data-headline"} <= values.keys()
    return {"image": "data-image", "gallery": "data-gallery", "embed": "data-url"}[kind] in values


def parse(markup):
    """The block a top-level piece of a sanitised body is, or None for prose."""
    match = BLOCK.fullmatch(markup.strip())
    if match is None:
        return None
    return Ref(match[2], _attrs(match[3]))


def _attrs(written):
    return {
        name.removeprefix("data-"): html.unescape(value)
        for name, value in ATTRIBUTE.findall(written)
        if name.startswith("data-") and name != "data-block"
    }


def refs(markup):
    """Every block of a sanitised body, in order."""
    return [parse(found[0]) for found in BLOCK.finditer(markup or "")]


def isolate(cleaned):
    """nh3's output with each block element rewritten in its canonical (empty)
    form and set aside as a placeholder, every other <aside> unwrapped, so the
    table rule (body.sanitize) sees only figures that hold tables.

    Returns (markup with placeholders, restore function)."""
    if "<aside" not in cleaned and "data-block" not in cleaned:
        return cleaned, lambda markup: markup
    kept, out, position = [], [], 0
    depth = 0  # inside a block element being dropped
    for match in NESTING.finditer(cleaned):
        closing, tag, rest = match[1], match[2], match[3]
        if depth:
            depth += -1 if closing else 1
            if depth == 0:
                position = match.end()
            continue
        out.append(cleaned[position : match.start()])
        position = match.end()
        if closing:
            out.append("" if tag == "aside" else match[0])
            continue
        kind = re.search(r'data-block="([a-z]+)"', rest)
        if kind is None:
            out.append("" if tag == "aside" else match[0])
            continue
        kept.append(canonical(kind[1], _attrs(rest)) if kind[1] in ELEMENTS else "")
        out.append(f"\x00{len(kept) - 1}\x00")
        depth = 1
    out.append(cleaned[position:])

    def restore(markup):
        return re.sub("\x00(\\d+)\x00", lambda found: kept[int(found[1])], markup)

    return "".join(out), restore


def strip_nested(markup):
    """Prose with any block element inside it removed: a block is only ever a
    piece of the body of its own (the editor keeps it so; this holds for the rest)."""
    return BLOCK.sub("", markup) if "data-block" in markup else markup


def place(pieces, placed):
    """The body made of `pieces` (body.paragraphs) with blocks set in: `placed` is
    (after how many pieces, element) in the order they stand after that piece.
    Used to turn the old "after paragraph" rows into blocks (migration 0023), the
    WordPress import's pictures, galleries and embeds likewise."""
    after = {}
    for position, markup in placed:
        if markup:
            after.setdefault(min(max(position, 0), len(pieces)), []).append(markup)
    out = list(after.get(0, []))
    for number, piece in enumerate(pieces, start=1):
        out.append(piece)
        out.extend(after.get(number, []))
    return "".join(out)


def after_prose(pieces, number):
    """Where in `pieces` a block "after paragraph `number`" goes: after that many
    pieces of prose, and after the blocks already standing there."""
    prose, index = 0, 0
    while index < len(pieces) and (prose < number or parse(pieces[index])):
        if parse(pieces[index]) is None:
            if prose == number:
                break
            prose += 1
        index += 1
    return index


def element_for(kind, row):
    """The block for an old "after paragraph" row (ArticleImage, RelatedLink,
    ArticleGallery or ArticleEmbed, or their historical models in a migration)."""
    if kind == "image":
        return canonical("image", {"image": row.image_id, "align": row.alignment})
    if kind == "related" and row.target_id:
        return canonical("related", {"article": row.target_id})
    if kind == "related":
        attrs = {"url": row.url, "headline": row.teaser_headline, "image": row.teaser_image_id}
        return canonical("related", attrs)
    if kind == "gallery":
        return canonical("gallery", {"gallery": row.gallery_id})
    return canonical("embed", {"url": row.url, "title": row.title})


def from_rows(body, rows):
    """`body` (prose from before blocks) with its old placement rows set in as
    blocks: `rows` is (kind, row) for images, then related stories, galleries and
    embeds, each kind in its rows' order, as the reader's page showed them."""
    from .body import paragraphs  # body.py imports this module

    placed = sorted(
        ((row.after_paragraph, element_for(kind, row)) for kind, row in rows),
        key=lambda pair: pair[0],  # stable: the kinds keep their order
    )
    return place(paragraphs(body), placed)
