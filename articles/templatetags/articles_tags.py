import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import context_processors
from ..times import to_the_second

register = template.Library()

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data as a <script type="application/ld+json"> block.

    Like Django's json_script, <, > and & are escaped inside the JSON so no text
    from an article can close the script element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def datetime_attr(value):
    """A time for `<time datetime>`, meta tags and sitemaps: ISO 8601 to the second,
    in the site's time zone ("2026-12-05T21:37:24+00:00"); "" for no time."""
    return to_the_second(timezone.localtime(value)).isoformat() if value else ""


@register.filter
def og_locale(language_code):
    """Open Graph's form of a language code: "en-gb" → "en_GB", "de" → "de"."""
    language, _, region = str(language_code).partition("-")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


@register.simple_tag(takes_context=True)
def social_image(context, image, crop="16:9"):
    """`{% social_image article.lead_image as picture %}`: the address, width and
    height of the image's rendition for link previews (og:image)."""
    return context_processors.social_image(context.request, image, crop)
