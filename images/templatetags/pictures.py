from django import template
from django.utils.html import format_html, format_html_join

from ..renditions import picture as renditions

register = template.Library()


@register.simple_tag
def picture_for(image, crop=""):
    """`{% picture_for image "16:9" as pic %}`: the image's renditions for that crop
    (sources by format, the fallback srcset, width and height), without a query."""
    return renditions(image, crop)


@register.simple_tag
def picture(image, crop="", sizes="", decorative=False, eager=False):
    """`{% picture image crop="16:9" sizes="7rem" decorative=True eager=True %}`: the
    image as a <picture> with a source per format and a srcset, without a query.

    Drawn here rather than by an included template, as Wagtail's image tags draw
    theirs: a listing shows a picture on every card, and a template include per
    picture was a tenth of an uncached page. `decorative` (or the image's own flag)
    leaves the alt text empty; `eager` is for the picture at the top of the page."""
    pic = renditions(image, crop)
    sizes = sizes or "100vw"
    sources = format_html_join(
        "", '<source type="{}" srcset="{}" sizes="{}">',
        ((source["type"], source["srcset"], sizes) for source in pic.sources),
    )  # fmt: skip
    srcset = format_html(' srcset="{}" sizes="{}"', pic.srcset, sizes) if pic.srcset else ""
    alt = "" if decorative or image.decorative else image.alt_text
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return format_html(
        '<picture>{}<img src="{}"{} alt="{}" width="{}" height="{}" ' + loading
        + ' decoding="async"></picture>\n',
        sources, pic.src, srcset, alt, pic.width, pic.height,
    )  # fmt: skip
