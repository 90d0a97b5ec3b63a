"""
A WordPress post's HTML as a Newsroom body.

WordPress keeps either classic-editor HTML, whose paragraphs are only blank lines
until WordPress adds the <p> tags as it shows the post ("wpautop"), or block-editor
HTML between <!-- wp:… --> comments. Both become the same clean body: paragraphs,
sub-headings, lists, quotes and links, through the body's own allowlist
(articles.body.sanitize).

Pictures leave the prose: a [caption] shortcode, an image block or a bare <img>
becomes a figure placed after the paragraph it followed, as an editor would place
it. A picture whose file cannot be found cannot be a library image; it stays in
the text as a paragraph naming it and linking to its old address.

Nothing is dropped silently: shortcodes Newsroom does not know stay in the text,
word for word; embedded players become links; what the allowlist removes, and
the blocks WordPress renders only when a page is shown (their content is not in
the export), are counted for the summary.
"""

import html
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

from .. import body as body_rules
from .. import embeds
from . import blocks as media_blocks

# <!-- wp:paragraph -->, <!-- wp:image {"id":12} -->, <!-- /wp:image -->, and
# self-closing dynamic blocks such as <!-- wp:latest-posts {"postsToShow":3} /-->.
BLOCK_DELIMITER = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(\{.*?\}\s+)?(/)?-->", re.S
)
CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
# A <figure> with no <figure> inside it: the innermost ones, so each picture of a
# gallery becomes a figure of its own.
FIGURE = re.compile(r"<figure\b[^>]*>((?:(?!<figure\b).)*?)</figure>", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
IMAGE = re.compile(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>", re.S | re.I)
MEDIA = re.compile(r"<(iframe|video|audio)\b[^>]*>.*?</\1>|<embed\b[^>]*>", re.S | re.I)
SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)((?:\s[^\[\]]*?)?)(/?)\]")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
# A credit at the end of a caption: "… Pic: Jane Doe", "… (Photo: Reuters)".
CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s,;:–—-]*\(?\s*\b(?:pics?|pictures?|photos?|photograph|image|credits?)"
    r"\s*:\s*(?P<credit>[^()]+?)\s*\)?\s*$",
    re.S | re.I,
)
# Shortcodes WordPress itself registers, counted even when written bare ("[gallery]").
CORE_SHORTCODES = {"gallery", "embed", "audio", "video", "playlist"}
# What Newsroom knows how to convert.
KNOWN_SHORTCODES = {"caption", "wp_caption"}

# wpautop: tags that start a block of their own.
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio"
)
BLOCK_TAG = re.compile(rf"(</?(?:{BLOCK_TAGS})\b[^>]*>)", re.I)
VOID_BLOCKS = {"hr", "col", "area"}
# Blocks whose text is a paragraph already: wpautop adds no <p> inside them.
TEXT_BLOCKS = {
    "p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
    "caption", "pre", "address", "summary", "legend",
}  # fmt: skip
# Old presentational tags and headings the body has an equivalent for.
RENAMED = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}
RENAME = re.compile(r"<(/?)(b|i|h1|h5|h6)\b([^>]*)>", re.I)
# Markup the body cannot hold and the summary mentions when it is removed.
NOTABLE = {
    "script", "style", "object", "embed", "form", "svg", "canvas", "map", "select",
    "input", "button", "textarea", "math",
}  # fmt: skip
# A definition list: the editor has none, so each term becomes a paragraph in bold
# and each definition a paragraph under it.
DEFINITION = re.compile(r"<(dt|dd)\b[^>]*>(.*?)</\1>", re.S | re.I)
DEFINITION_LIST = re.compile(r"</?dl\b[^>]*>", re.I)
ALIGNMENT = re.compile(r"\balign(left|right|center)\b")
OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b")
WORD_BREAK = re.compile(
    r"<br\s*/?>|<hr\b[^>]*>|</(?:p|li|h[1-6]|blockquote|pre|td|th|tr|dt|dd|figcaption)>", re.I
)
CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)
EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>")
BARE_URL = re.compile(r"<p>\s*(https?://[^\s<>\"]+)\s*</p>")


@dataclass
class Figure:
    """A picture found in a post's text."""

    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""
    attachment_id: str = ""
    align: str = ""  # "left", "right" or "center", as WordPress showed it
    full_caption: str = ""  # when the caption is longer than the library allows


@dataclass
class Converted:
    body: str
    placements: list = field(default_factory=list)  # (after_paragraph, image, figure)
    missing: list = field(default_factory=list)  # figures whose file was not found
    shortcodes: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    dynamic_blocks: Counter = field(default_factory=Counter)
    embeds: int = 0  # players and frames kept as links
    galleries: list = field(default_factory=list)  # (after_paragraph, blocks.GalleryOf)
    embedded: list = field(default_factory=list)  # (after_paragraph, blocks.EmbedOf)
    long_captions: int = 0
    definition_lists: int = 0


def cdata_as_text(markup):
    """A CDATA section in a post's HTML ("<![CDATA[ x ]]>", which WordPress exports
    as "]]]]><![CDATA[>") as the text it shows: HTML would read it as a comment and
    drop it."""
    if "<![CDATA[" not in markup:
        return markup
    return CDATA.sub(lambda match: html.escape(match[0], quote=False), markup)


def plain(markup):
    """Text without tags or entities, whitespace collapsed (titles, excerpts, captions)."""
    if not markup:
        return ""
    return " ".join(html.unescape(nh3.clean(cdata_as_text(markup), tags=set())).split())


def words_of(markup):
    """The plain text of body HTML, with a space wherever a line, a block, a list
    item or a table cell ended ("post.<br>It" is "post. It", not "post.It")."""
    return plain(WORD_BREAK.sub(" ", markup))


def shorten(text, limit):
    """Text that fits `limit` characters, ended at a word with "…". The caller keeps
    the full text somewhere else and says so in the summary."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–—-") + "…"


def split_credit(caption, limit=200):
    """(caption, credit): a trailing "Pic: X", "Photo: X", "Credit: X" or "(Photo: X)"
    becomes the credit; the rest of the caption is kept as it was."""
    match = CREDIT.match(caption)
    if not match or len(match["credit"]) > limit:
        return caption, ""
    return match["caption"].strip(), match["credit"].strip()


class _Attributes(HTMLParser):
    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag, self.found = tag, None

    def handle_starttag(self, tag, attrs):
        if tag == self.tag and self.found is None:
            self.found = {name: value or "" for name, value in attrs}


def attributes(markup, tag):
    """The attributes of the first <tag> in the markup (entities decoded)."""
    parser = _Attributes(tag)
    parser.feed(markup)
    parser.close()
    return parser.found or {}


def shortcode_attributes(text):
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTRIBUTE.finditer(text)}


def autop(text):
    """WordPress's wpautop, as far as a body needs it: blank lines end paragraphs,
    single line breaks become <br>, and text already inside a block is left be."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    out, stack = [], []
    for number, part in enumerate(BLOCK_TAG.split(text)):
        if number % 2:  # a block tag
            name = re.match(r"</?([a-zA-Z0-9]+)", part)[1].lower()
            if part.startswith("</"):
                if name in stack:
                    while stack.pop() != name:
                        pass
            elif name not in VOID_BLOCKS and not part.endswith("/>"):
                stack.append(name)
            out.append(part)
        elif stack and stack[-1] in TEXT_BLOCKS:
            out.append(part if stack[-1] == "pre" else _line_breaks(part))
        else:
            for chunk in re.split(r"\n\s*\n", part):
                if chunk.strip():
                    out.append(f"<p>{_line_breaks(chunk.strip())}</p>")
    return "".join(out)


def _line_breaks(text):
    return re.sub(r"\s*\n\s*", "<br>", text.strip("\n")) if "\n" in text.strip() else text


class Converter:
    """Converts one post's HTML. `resolve(figure)` returns the library image for a
    figure, or None when its file cannot be found."""

    def __init__(self, resolve, *, base_url="", caption_limit=500):
        self.resolve = resolve
        self.base_url = base_url
        self.caption_limit = caption_limit
        # Pictures wait in the text as tokens no post could contain by chance.
        self.nonce = secrets.token_hex(4)
        self.token = re.compile(rf"\u27e6wp{self.nonce}-(\d+)\u27e7")

    def convert(self, markup, lead=()):
        """The body for `markup`, with `lead` (plain texts) as its first paragraphs."""
        self.result = Converted(body="")
        self.figures = {}
        markup = (markup or "").replace("\r\n", "\n").replace("\r", "\n")
        markup = cdata_as_text(markup)

        markup = media_blocks.extract(markup, self)
        markup = CAPTION.sub(self._caption, markup)
        markup = FIGURE.sub(self._figure, markup)
        markup = IMAGE.sub(self._image, markup)
        markup = MEDIA.sub(self._media, markup)
        markup = self._definitions(markup)
        self._count_shortcodes(markup)
        # Block-editor HTML has its paragraphs already; classic HTML gets wpautop's.
        blocks = BLOCK_DELIMITER.search(markup)
        markup = self._strip_blocks(markup) if blocks else autop(markup)
        markup = RENAME.sub(lambda m: f"<{m[1]}{RENAMED[m[2].lower()]}{m[3]}>", markup)
        for name in OPENING_TAG.findall(markup):
            if name.lower() in NOTABLE:
                self.result.removed[name.lower()] += 1

        blocks = [f"<p>{html.escape(text)}</p>" for text in lead if text]
        for block in body_rules.paragraphs(markup):
            self._place(block, blocks)
        self.result.body = body_rules.sanitize("".join(blocks))
        return self.result

    # --- Pictures and media out of the prose -----------------------------------

    def _keep(self, figure):
        number = len(self.figures)
        self.figures[number] = figure
        return f"\n\n\u27e6wp{self.nonce}-{number}\u27e7\n\n"

    def _caption(self, match):
        options, inner = shortcode_attributes(match[2]), match[3]
        if "<img" not in inner.lower():
            return match[0]
        caption = options.get("caption") or IMAGE.sub("", inner, count=1)
        return self._keep(self._make_figure(inner, caption, options.get("align", "")))

    def _figure(self, match):
        """A picture's figure leaves the text; a table's stays, its caption a
        paragraph under it; any other (a pull quote, an embed) leaves only its
        content."""
        inner = match[1]
        caption = FIGCAPTION.search(inner)
        if "<img" in inner.lower():
            opening = match[0][: match[0].find(">")]
            return self._keep(self._make_figure(inner, caption[1] if caption else "", opening))
        inner = FIGCAPTION.sub("", inner)
        after = f"\n\n<p>{caption[1]}</p>\n\n" if caption and plain(caption[1]) else ""
        if "<table" in inner.lower():
            return f'\n\n<figure class="table">{inner}</figure>\n\n{after}'
        return f"\n\n{autop(inner)}\n\n{after}"

    def _image(self, match):
        # Inline pictures stay where they are in the paragraph for now; `_place`
        # puts their figure after it.
        return self._keep(self._make_figure(match[0], "")).strip("\n")

    def _definitions(self, markup):
        if "<dl" not in markup.lower():
            return markup
        self.result.definition_lists += len(re.findall(r"<dl\b", markup, re.I))

        def paragraph(match):
            words = match[2].strip()
            return (
                f"\n\n<p><strong>{words}</strong></p>\n\n"
                if match[1].lower() == "dt"
                else (f"\n\n<p>{words}</p>\n\n")
            )

        return DEFINITION_LIST.sub("", DEFINITION.sub(paragraph, markup))

    def _make_figure(self, markup, caption_markup, align=""):
        image = attributes(markup, "img")
        src = image.get("src", "").strip()
        if src and self.base_url:
            src = urljoin(self.base_url + "/", src)
        number = re.search(r"\bwp-image-(\d+)\b", image.get("class", ""))
        caption, credit = split_credit(plain(caption_markup))
        return Figure(
            src=src,
            alt=" ".join(image.get("alt", "").split()),
            caption=caption,
            credit=credit,
            attachment_id=number[1] if number else "",
            align=next(iter(ALIGNMENT.findall(f"{align} {image.get('class', '')}")), ""),
        )

    def _media(self, match):
        """An embedded player or frame becomes a link to what it showed."""
        tag = match[0]
        src = attributes(tag, (match[1] or "embed").lower()).get("src", "")
        if not src:
            src = attributes(tag, "source").get("src", "")
        if not re.match(r"https?://", src):
            self.result.removed[(match[1] or "embed").lower()] += 1
            return ""
        if embeds.resolve(src) is not None:
            return self._keep(media_blocks.EmbedOf(src))
        self.result.embeds += 1
        address = html.escape(src)
        return f'\n\n<p><a href="{address}">{address}</a></p>\n\n'

    def _count_shortcodes(self, markup):
        for match in SHORTCODE.finditer(markup):
            name = match[1].lower()
            start, end = match.start(), match.end()
            if markup[start - 1 : start] == "[" and markup[end : end + 1] == "]":
                continue  # [[gallery]]: WordPress shows it as text
            if name in KNOWN_SHORTCODES:
                continue
            if (
                name in CORE_SHORTCODES
                or "=" in match[2]
                or match[3]
                or f"[/{name}]" in markup[end:].lower()
            ):
                self.result.shortcodes[name] += 1

    def _strip_blocks(self, markup):
        """Drop the block comments, keep their HTML; classic text between blocks
        (a "classic" block) gets wpautop's paragraphs."""
        out, depth, position = [], 0, 0
        for match in BLOCK_DELIMITER.finditer(markup):
            segment = markup[position : match.start()]
            # Classic text between blocks, or bare text inside one (a shortcode block).
            bare = segment.strip() and not segment.lstrip().startswith("<")
            out.append(autop(segment) if (depth == 0 and segment.strip()) or bare else segment)
            closing, name, _, self_closing = match.groups()
            if self_closing:
                # Rendered by WordPress when a page is shown: nothing of it is in the export.
                self.result.dynamic_blocks[name.removeprefix("core/")] += 1
            elif closing:
                depth = max(0, depth - 1)
            else:
                depth += 1
            position = match.end()
        tail = markup[position:]
        out.append(autop(tail) if tail.strip() else tail)
        return "".join(out)

    # --- Putting it back together ----------------------------------------------

    def _place(self, block, blocks):
        numbers = [int(n) for n in self.token.findall(block)]
        if not numbers:
            if block != "<hr>" and not plain(re.sub(r"<br\s*/?>", " ", block)):
                return  # nothing left to read (what was there was a script, say)
            match = BARE_URL.fullmatch(block)
            if match and embeds.resolve(html.unescape(match[1])) is not None:
                # A web address alone on its line: WordPress showed it embedded.
                found = media_blocks.EmbedOf(html.unescape(match[1]))
                self.result.embedded.append((len(blocks), found))
                return
            if match:
                self.result.embeds += 1
                block = f'<p><a href="{match[1]}">{match[1]}</a></p>'
            blocks.append(block)
            return
        rest = EMPTY_LINK.sub("", self.token.sub("", block))
        if plain(re.sub(r"<br\s*/?>", " ", rest)):
            blocks.append(rest)
        for number in numbers:
            figure = self.figures[number]
            if isinstance(figure, media_blocks.GalleryOf):
                if figure.resolve(self.resolve):
                    self.result.galleries.append((len(blocks), figure))
                else:  # none of its pictures is here: kept as it was, and counted
                    self.result.shortcodes["gallery"] += 1
                    blocks.append(f"<p>{html.escape(figure.source.strip(), quote=False)}</p>")
                continue
            if isinstance(figure, media_blocks.EmbedOf):
                self.result.embedded.append((len(blocks), figure))
                continue
            if len(figure.caption) > self.caption_limit:
                figure.full_caption = figure.caption
                figure.caption = shorten(figure.caption, self.caption_limit)
                self.result.long_captions += 1
            image = self.resolve(figure) if figure.src else None
            if image is None:
                self.result.missing.append(figure)
                blocks.append(self._stand_in(figure))
                continue
            self.result.placements.append((len(blocks), image, figure))
            if figure.full_caption:
                blocks.append(f"<p>{html.escape(figure.full_caption)}</p>")

    def _stand_in(self, figure):
        """A picture that cannot be a library image: its caption and old address."""
        words = figure.full_caption or figure.caption or figure.alt
        if figure.credit:
            words = f"{words} Pic: {figure.credit}".strip()
        if not figure.src:
            return f"<p>Image: {html.escape(words)}</p>" if words else ""
        address = html.escape(figure.src)
        label = f"{html.escape(words)} " if words else ""
        return f'<p>Image: {label}(<a href="{address}">{address}</a>)</p>'
