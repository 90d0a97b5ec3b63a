"""The demo's gallery: the coastal-towns story shows four of the demo pictures as
one gallery after its second paragraph. Made once, like the rest of the demo."""

from articles import blocks
from articles import body as body_rules
from articles.models import Article, Gallery, GalleryImage

GALLERY = {
    "article": "coastal-towns-map-the-sea-level-rise-they-expect-by-2060",
    "title": "Along the coast",
    "images": ["coast", "canal", "divers", "railway"],
    "after": 2,
}


def ensure_gallery(ensure_image):
    """The demo gallery, unless it exists; `ensure_image(key)` gives a demo picture."""
    article = Article.objects.filter(slug=GALLERY["article"]).first()
    if article is None or Gallery.objects.filter(title=GALLERY["title"]).exists():
        return None
    gallery = Gallery.objects.create(title=GALLERY["title"])
    for position, key in enumerate(GALLERY["images"]):
        GalleryImage.objects.create(gallery=gallery, image=ensure_image(key)[0], position=position)
    pieces = body_rules.paragraphs(article.body)
    element = blocks.canonical("gallery", {"gallery": gallery.pk})
    pieces.insert(blocks.after_prose(pieces, GALLERY["after"]), element)
    article.body = "".join(pieces)
    article.save(update_fields=["body"])
    return gallery
