"""The reader fragments drawn by the dozen (cards, bylines), in Jinja2.

A listing draws twenty or more cards, and Django's template engine spent about a
third of a millisecond on each: a tenth of an uncached home page. These fragments
are Jinja2 templates (templates/jinja2/), compiled to Python once per process, and
Django templates draw them with `{% card %}` and `{% byline %}`
(articles_tags). The environment escapes as Django does (`&#x27;` for a quote, and
anything already safe left alone), and dates are shown in the newsroom's time zone
as Django's `date` filter shows them, so the HTML is the same as before.
"""

import functools
import html

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from jinja2 import Environment

from core.urls import reverse_slugs
from images.templatetags.pictures import picture

from .templatetags.articles_tags import datetime_attr


def _date(value, format_string):
    """What Django's `date` filter does with a format string of its own ("j M Y"),
    without first looking for a localised format of that name. The same moment
    shows the same way in one language and time zone, and month names cost a
    translation each: the newest are kept."""
    if not value:
        return ""
    return _formatted(value, format_string, get_language(), timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=4096)
def _formatted(value, format_string, language, zone):
    return dateformat.format(timezone.localtime(value), format_string)


def _finalize(value):
    # Django's escaping (django.utils.html.escape is html.escape), not MarkupSafe's,
    # which writes a quote as &#39;. What comes back is safe, so autoescape leaves it.
    if hasattr(value, "__html__"):
        return value
    return SafeString(html.escape(str(value)))


def environment(**options):
    options.pop("autoescape", None)
    env = Environment(autoescape=True, keep_trailing_newline=True, finalize=_finalize, **options)
    env.globals.update({"picture": picture, "address": reverse_slugs, "url": _url})
    env.filters.update(
        {
            "date": _date,
            "datetime_attr": datetime_attr,
            "pluralize": pluralize,
            "intcomma": intcomma,
        }
    )
    return env


def _url(viewname, *args):
    return reverse(viewname, args=args)


def render(name, context, request=None):
    """A fragment's HTML (safe: the template escaped what it printed). With the
    request, the template has `request` and `csrf_input` too."""
    html = engines["fragments"].get_template(name).render(context, request)
    return mark_safe(html)  # noqa: S308 - autoescaped by the environment
