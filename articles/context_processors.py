from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import SectionTree


def site(request):
    """Site name and the sections menu, for every template (the tree is cached)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_TAGLINE,
        "site_language": settings.LANGUAGE_CODE,
        "section_tree": SimpleLazyObject(SectionTree.load),
    }
