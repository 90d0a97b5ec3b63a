from django.utils.functional import SimpleLazyObject

import pagecache
from images import pagekeys as image_keys
from images.library import rendition_for
from images.models import Crop

from . import pagekeys
from .models import PageTree, SectionTree, SiteSettings


def site(request):
    """The site's identity (site settings, falling back to the NEWSROOM_* settings),
    the sections menu, the footer's pages and the page's canonical address, for every template.

    All lazy: the settings and the tree are cached site-wide, and a response
    that never shows them (a JSON answer, a fragment) never loads them.
    """
    current = SimpleLazyObject(SiteSettings.current)
    return {
        "site": current,
        "site_name": SimpleLazyObject(lambda: current.name),
        "site_tagline": SimpleLazyObject(lambda: current.motto),
        "site_language": SimpleLazyObject(lambda: current.language_code),
        "site_image": SimpleLazyObject(lambda: social_image(request, current.logo, Crop.ORIGINAL)),
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "section_tree": SimpleLazyObject(sections_menu),
        # The footer menu: published pages editors put there, in their order.
        "footer_pages": SimpleLazyObject(footer_menu),
    }


def footer_menu():
    """The footer's pages: a page that draws it shows them."""
    pagecache.shows(pagekeys.FOOTER)
    return PageTree.load().footer


def sections_menu():
    """The sections menu: a page that draws it shows the top-level sections."""
    pagecache.shows(pagekeys.NAV)
    return SectionTree.load()


def canonical_url(request):
    """The page's own absolute address: its path, and the page number past page 1
    (any other query string, such as tracking parameters, is left off)."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and int(page) > 1 else url


def social_image(request, image, crop=Crop.WIDE):
    """An image for link previews (og:image): absolute address, width and height."""
    if image is None:
        return {}
    pagecache.shows(image_keys.image(image.pk))
    found = rendition_for(image, crop, 1200)
    if not found:
        return {}
    url, width, height = found
    return {"url": request.build_absolute_uri(url), "width": width, "height": height}
