"""The site's logo and icons.

The logo is the one editors choose in *Site settings* (from the image library),
else Newsroom's own mark (static/img/newsroom-icon.png). It goes into the
publisher's Organization in JSON-LD, the feeds' image and logo, link previews
where a page has no picture of its own, and the browser's icons: `/favicon.ico`
and `/apple-touch-icon.png`, cut square from the logo (around its focal point)
and drawn with Pillow when asked for, then kept by the page cache like any
reader page.
"""

import io

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from PIL import Image, UnidentifiedImageError

from images.library import crop_box, rendition_for
from images.models import Crop

from ..models import SiteSettings

DEFAULT_LOGO = "img/newsroom-icon.png"
DEFAULT_LOGO_SIZE = (512, 512)
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
TOUCH_ICON_SIZE = 180  # what iOS asks for


def logo(request):
    """The site's logo for machines: (absolute address, width, height)."""
    site = SiteSettings.current()
    found = site.logo_id and rendition_for(site.logo, Crop.ORIGINAL, 600)
    url, width, height = found or (static(DEFAULT_LOGO), *DEFAULT_LOGO_SIZE)
    return request.build_absolute_uri(url), width, height


def _square_source():
    """The logo's public picture cut square around its focal point, else the
    default mark; on white, as icons have no transparency on every device."""
    site = SiteSettings.current()
    picture, focal = None, (0.5, 0.5)
    if site.logo_id and site.logo.image:
        try:
            with site.logo.image.open("rb") as file:
                picture = Image.open(file)
                picture.load()
            focal = (site.logo.focal_x, site.logo.focal_y)
        except (OSError, UnidentifiedImageError, ValueError):
            picture = None  # a missing or broken file: the default mark instead
    if picture is None:
        with Image.open(finders.find(DEFAULT_LOGO)) as default:
            default.load()
            picture = default
    box = crop_box(picture.width, picture.height, (1, 1), focal)
    picture = picture.convert("RGBA").crop(tuple(round(edge) for edge in box))
    flat = Image.new("RGB", picture.size, "white")
    flat.paste(picture, mask=picture)
    return flat


def favicon(request):
    """/favicon.ico: 16, 32 and 48 pixels in one file."""
    buffer = io.BytesIO()
    _square_source().save(buffer, format="ICO", sizes=FAVICON_SIZES)
    return HttpResponse(buffer.getvalue(), content_type="image/x-icon")


def apple_touch_icon(request):
    """/apple-touch-icon.png: what phones put on the home screen."""
    picture = _square_source().resize((TOUCH_ICON_SIZE, TOUCH_ICON_SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return HttpResponse(buffer.getvalue(), content_type="image/png")
