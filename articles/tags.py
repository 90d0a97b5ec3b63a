"""Tag addresses for any tag an editor can type.

django-taggit keeps letters beyond ASCII in slugs ("Zürich" → "zürich",
"日本" → "日本"), and a name of symbols alone ("<<") slugifies to nothing.
Django's `slug` path converter matches neither, so one such tag turned every
page that links to it into a server error. Tag paths use TagSlugConverter, and
a tag always gets a slug.
"""

import hashlib

from django.http import Http404
from django.shortcuts import get_object_or_404
from taggit.models import Tag

from .models import Article


class TagSlugConverter:
    """Letters and digits of any script, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def give_slug(sender, instance, **kwargs):
    """pre_save of taggit's Tag: a name without letters or digits gets a slug made
    from its hash, never an empty one."""
    if not instance.slug:
        digest = hashlib.sha256(instance.name.lower().encode()).hexdigest()[:12]
        instance.slug = f"tag-{digest}"


def public_tag(slug):
    """The tag readers may see at `slug`: one that names a public article. A tag
    used only by drafts (an unannounced story's subject) is a 404, like the drafts."""
    tag = get_object_or_404(Tag, slug=slug)
    if not Article.objects.published().tagged(tag).exists():
        raise Http404("No such tag.")
    return tag
