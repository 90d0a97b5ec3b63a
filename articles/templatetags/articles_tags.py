import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.urls import reverse_slugs

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


@register.filter
def large_url(image):
    """The address of an image's large rendition (the whole picture, about 1600
    pixels wide): what a gallery's lightbox shows, and its link without script."""
    found = context_processors.rendition_for(image, context_processors.Crop.ORIGINAL, 1600)
    return found[0] if found else ""


@register.simple_tag
def address(viewname, **kwargs):
    """`{% address "articles:tag" slug=tag.slug %}`: `{% url %}` for the addresses
    every page prints (the menu, the feeds, the footer), by keyword, through
    core.urls.reverse_slugs: the resolver is walked once per process, not each time."""
    return reverse_slugs(viewname, **kwargs)


@register.simple_tag(takes_context=True)
def article_content(context):
    """The article page's own part, below the menu
    (templates/jinja2/articles/article.html), from the page's context."""
    from ..fragments import render

    request = context["request"]
    shown = {**context.flatten(), "page_shared": getattr(request, "page_shared", False)}
    return render("articles/article.html", shown, request)


@register.simple_tag
def breadcrumbs(trail, current=""):
    """`{% breadcrumbs breadcrumbs section.name %}`: Home, the sections, the page."""
    from ..fragments import render

    return render("includes/breadcrumbs.html", {"breadcrumbs": trail, "current": current})


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The sections menu on every page (templates/jinja2/includes/site_nav.html):
    the strip and the "Sections" disclosure, the current section marked."""
    from ..fragments import render

    return render(
        "includes/site_nav.html",
        {
            "top_level": _top_level(context),
            "current_root_id": context.get("current_root_id"),
            "path": context["request"].path,
        },
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer on every page (templates/jinja2/includes/site_footer.html)."""
    from ..fragments import render

    return render(
        "includes/site_footer.html",
        {
            "site_name": context.get("site_name", ""),
            "site_tagline": context.get("site_tagline", ""),
            "top_level": _top_level(context),
            "footer_pages": context.get("footer_pages") or [],
            "this_year": timezone.localtime().year,
        },
    )


def _top_level(context):
    # The context's lazy tree: reading it records that the page shows the menu.
    tree = context.get("section_tree")
    return tree.top_level if tree else []


@register.simple_tag
def card(article, **options):
    """`{% card article show_section=True level=2 compact=True %}`: an article's card
    (templates/jinja2/includes/card.html; options: big, compact, show_section,
    level, hide_byline)."""
    from ..fragments import render  # the Jinja2 environment imports these tags

    return render("includes/card.html", {"article": article, **options})


@register.simple_tag
def byline(authors, link=False):
    """`{% byline authors link=True %}`: "By A, B and C", linked to their pages."""
    from ..fragments import render

    return render("includes/byline.html", {"authors": authors, "link": link})
