"""What a page's body (About, Contact…) shows beside its prose: pages carry the same
blocks as articles (articles/blocks.py) and are drawn by the same renderer
(reader_body.for_page), on each view. Articles keep placement rows that say what
their blocks show; pages have none, so the page's view reads its blocks here: the
page-cache keys of what they show (a caption, a gallery's pictures, a linked story,
an embed's preview), the embeds the Content Security Policy opens for, and which
scripts the page needs."""

from dataclasses import dataclass, field

from images.pagekeys import image

from . import blocks, embeds
from . import pagekeys as keys
from .models import GalleryImage


@dataclass
class Shown:
    keys: list = field(default_factory=list)
    embeds: list = field(default_factory=list)  # embeds.Embed, for the policy
    galleries: bool = False


def shown(markup):
    """What the blocks of `markup` show; one query when it has galleries, else none."""
    found = Shown()
    gallery_ids = []
    for ref in blocks.refs(markup):
        if ref.kind == "embed":
            embed = embeds.resolve(ref.attrs.get("url", ""))
            if embed is not None:
                found.embeds.append(embed)
                found.keys.append(keys.embed(ref.attrs["url"]))
        elif ref.kind == "gallery" and ref.number("gallery") is not None:
            gallery_ids.append(ref.number("gallery"))
        for name, key in (("image", image), ("article", keys.article)):
            if ref.number(name) is not None:
                found.keys.append(key(ref.number(name)))
    if gallery_ids:
        found.galleries = True
        found.keys += [keys.gallery(pk) for pk in gallery_ids]
        pictures = GalleryImage.objects.filter(gallery_id__in=gallery_ids)
        found.keys += [image(pk) for pk in pictures.values_list("image_id", flat=True)]
    return found
