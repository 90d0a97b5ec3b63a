from django import template

from ..renditions import picture

register = template.Library()


@register.simple_tag
def picture_for(image, crop=""):
    """`{% picture_for image "16:9" as pic %}`: the image's renditions for that crop
    (sources by format, the fallback srcset, width and height), without a query."""
    return picture(image, crop)
