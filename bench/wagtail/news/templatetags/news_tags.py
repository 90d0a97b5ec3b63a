from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("news/includes/nav.html", takes_context=True)
def top_menu(context):
    """The sections in the header (bakerydemo's navigation tags, in short)."""
    request = context["request"]
    root = Site.find_for_request(request).root_page
    return {"sections": root.get_children().live().in_menu(), "request": request}
