"""Tag addresses for any tag an editor can type.

django-taggit keeps letters beyond ASCII in slugs ("Zürich" → "zürich",
"日本" → "日本"), and a name of symbols alone ("<<") slugifies to nothing.
Django's `slug` path converter matches neither, so one such tag turned every
page that links to it into a server error. Tag paths use TagSlugConverter, and
a tag always gets a slug.
"""

import hashlib


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
