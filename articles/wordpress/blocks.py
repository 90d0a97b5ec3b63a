"""Galleries and embeds in a WordPress post.

The converter (content.py) takes them out of the text first, as it does
pictures, and puts each back as a placement after the paragraph it followed:

- `[gallery ids="1,2,3"]` (and `include=`), `[gallery]` alone (the pictures
  attached to the post, as WordPress shows it), and gallery blocks (both the
  old list of figures and the newer nested image blocks) become a gallery of
  library images;
- `[embed]URL[/embed]`, `[youtube URL]` (Jetpack), `[audio …]`, `[video …]`,
  embed blocks (`wp:embed`, the older `wp:core-embed/…`), players in frames and
  a web address alone on its line become embeds when Newsroom can embed them
  (articles/embeds.py); any other address stays a link, counted in the summary.

The importer's part (`Blocks`) writes them: each gallery is remembered by its
post and its place in the post, so a new run updates it instead of adding one.
"""

import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .. import embeds
from ..models import ArticleEmbed, ArticleGallery, Gallery, GalleryImage, ImportedObject
from .identity import field_limit

Kind = ImportedObject.Kind

GALLERY_BLOCK = re.compile(
    r"<!--\s+wp:gallery\b\s*(\{.*?\})?\s*-->(.*?)<!--\s+/wp:gallery\s+-->", re.S
)
GALLERY_SHORTCODE = re.compile(r"(?<!\[)\[gallery\b([^\]]*)\](?!\])", re.I)
EMBED_BLOCK = re.compile(
    r"<!--\s+wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s+-->(.*?)"
    r"<!--\s+/wp:(?:core-)?embed(?:/[\w-]+)?\s+-->",
    re.S,
)
EMBED_SHORTCODE = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
YOUTUBE_SHORTCODE = re.compile(r"\[youtube[=\s]\s*([^\]\s]+)[^\]]*\]", re.I)
MEDIA_SHORTCODE = re.compile(r"\[(audio|video)\b([^\]]*)\](?:\s*\[/\1\])?", re.I)
MEDIA_SOURCES = ("src", "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "webm", "ogv", "mov")
INNER_FIGURE = re.compile(r"<figure\b[^>]*>((?:(?!<figure\b).)*?)</figure>", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)


@dataclass
class GalleryOf:
    """A gallery found in a post: its pictures (content.Figure), or, for a bare
    `[gallery]`, the pictures attached to the post (`attached`)."""

    figures: list = field(default_factory=list)
    attached: bool = False
    source: str = ""  # as the post had it: kept as text when no picture is found
    images: list = field(default_factory=list)  # the library images found, in order

    def resolve(self, resolve):
        """Find the library images (`resolve(figure)` is the importer's); True if any."""
        for figure in self.figures:
            image = resolve(figure) if (figure.src or figure.attachment_id) else None
            if image is not None:
                self.images.append(image)
        return self.attached or bool(self.images)


@dataclass
class EmbedOf:
    url: str
    title: str = ""


def extract(markup, converter):
    """`markup` with its galleries and embeds replaced by the converter's tokens."""
    markup = GALLERY_BLOCK.sub(lambda match: _gallery_block(match, converter), markup)
    markup = GALLERY_SHORTCODE.sub(lambda match: _gallery_shortcode(match, converter), markup)
    markup = EMBED_BLOCK.sub(lambda match: _embed_block(match, converter), markup)
    markup = EMBED_SHORTCODE.sub(lambda match: embedded(match[1], converter) or match[0], markup)
    markup = YOUTUBE_SHORTCODE.sub(lambda match: embedded(match[1], converter) or match[0], markup)
    return MEDIA_SHORTCODE.sub(lambda match: _media_shortcode(match, converter), markup)


def embedded(url, converter, title=""):
    """An embed's token, or a link paragraph for an address Newsroom cannot embed;
    None when there is no web address (the caller keeps the text as it was)."""
    url = html.unescape(re.sub(r"<[^>]+>", "", url)).strip()
    if url and converter.base_url and not re.match(r"https?://", url):
        url = urljoin(converter.base_url + "/", url)
    if embeds.resolve(url) is not None:
        return converter._keep(EmbedOf(url, title))
    if not re.match(r"https?://", url):
        return None
    converter.result.embeds += 1
    address = html.escape(url)
    return f'\n\n<p><a href="{address}">{address}</a></p>\n\n'


def _gallery_block(match, converter):
    options = _json(match[1])
    figures = []
    for inner in INNER_FIGURE.findall(match[2]) or IMG.findall(match[2]):
        if "<img" not in inner.lower():
            continue
        caption = FIGCAPTION.search(inner)
        figures.append(converter._make_figure(inner, caption[1] if caption else ""))
    ids = [str(number) for number in options.get("ids", []) if str(number).isdigit()]
    for figure, number in zip(figures, ids, strict=False):
        figure.attachment_id = figure.attachment_id or number
    if not figures and ids:
        figures = [converter._make_figure("", "") for _ in ids]
        for figure, number in zip(figures, ids, strict=True):
            figure.attachment_id = number
    # Kept as text if none of its pictures is found: the words it held, or its ids.
    source = re.sub(r"<[^>]+>", " ", match[2]).strip() or f'[gallery ids="{",".join(ids)}"]'
    return converter._keep(GalleryOf(figures, source=" ".join(source.split()))) if figures else ""


def _gallery_shortcode(match, converter):
    from .content import shortcode_attributes  # (content.py imports this module)

    options = shortcode_attributes(match[1])
    ids = re.findall(r"\d+", options.get("ids") or options.get("include") or "")
    if not ids:
        return converter._keep(GalleryOf(attached=True, source=match[0]))
    figures = []
    for number in ids:
        figure = converter._make_figure("", "")
        figure.attachment_id = number
        figures.append(figure)
    return converter._keep(GalleryOf(figures, source=match[0]))


def _embed_block(match, converter):
    url = _json(match[1]).get("url", "")
    if not url:
        url = re.sub(r"<[^>]+>", " ", match[2]).split()[0] if match[2].strip() else ""
    caption = FIGCAPTION.search(match[2])
    title = re.sub(r"<[^>]+>", "", caption[1]).strip() if caption else ""
    return embedded(url, converter, html.unescape(title)) or ""


def _media_shortcode(match, converter):
    from .content import shortcode_attributes  # (content.py imports this module)

    options = shortcode_attributes(match[2])
    url = next((options[name] for name in MEDIA_SOURCES if options.get(name)), "")
    return (embedded(url, converter) if url else None) or match[0]


def _json(text):
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class Blocks:
    """The importer's part that writes a post's galleries and embeds."""

    def _blocks(self, item, article, converted, batch):
        for after, found in converted.embedded:
            title = found.title[: field_limit(ArticleEmbed, "title")]
            batch.embeds.append(
                ArticleEmbed(article=article, url=found.url, title=title, after_paragraph=after)
            )
        for number, (after, found) in enumerate(converted.galleries, start=1):
            gallery = self._gallery(item, article.headline, number, found)
            if gallery is not None:
                batch.galleries.append(
                    ArticleGallery(article=article, gallery=gallery, after_paragraph=after)
                )

    def _gallery(self, item, title, number, found):
        """The gallery `number` of the post or page titled `title`: its library
        images, in order."""
        ids = self.attached_to.get(item.id, []) if found.attached else []
        images = [self.attachments.get(pk) for pk in ids]
        images = [pk for pk in images if pk is not None] + [image.pk for image in found.images]
        if not images:
            self.report.note("missing", f"post {item.id}: a [gallery] with no picture found")
            return None
        key = f"{item.id}:{number}"
        ref = self._ref(Kind.GALLERY, key)
        gallery = self._object(ref, Gallery) or Gallery()
        title = f"{title} ({number})" if number > 1 else title
        gallery.title = title[: field_limit(Gallery, "title")]
        self._save(gallery, "gallery")
        GalleryImage.objects.filter(gallery=gallery).delete()
        GalleryImage.objects.bulk_create(
            GalleryImage(gallery=gallery, image_id=pk, position=position)
            for position, pk in enumerate(images)
        )
        self._remember(ref, Kind.GALLERY, key, gallery)
        return gallery
