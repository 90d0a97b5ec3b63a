"""`reverse` for the addresses a page prints by the dozen.

Django's `reverse` walks the resolver, fills the pattern, checks the result
against the pattern's regular expression and quotes it: about 0.1 ms a call. A
listing prints fifty article, section and author addresses, so that was a tenth
of an uncached page. `reverse_slugs` reverses each pattern once, with markers in
place of its arguments, and afterwards only puts the values in. It does so only
for values made of slug characters and slashes (what SlugField and a section's
path hold), which every converter the patterns use accepts unchanged and quoting
leaves alone; anything else goes through `reverse` as before.
"""

import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

SLUGGISH = re.compile(r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*")
MARKER = re.compile(r"(zq\dzq)")
_templates = {}


def reverse_slugs(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), cheaply for slug-like values."""
    if not all(isinstance(v, str) and SLUGGISH.fullmatch(v) for v in kwargs.values()):
        return reverse(viewname, kwargs=kwargs)
    names = tuple(sorted(kwargs))
    key = (viewname, names, get_script_prefix(), get_urlconf())
    if key not in _templates:
        _templates[key] = _template(viewname, names)
    parts, slashed = _templates[key]
    if any("/" in kwargs[name] for name in names if name not in slashed):
        return reverse(viewname, kwargs=kwargs)  # a slug converter: let reverse refuse it
    return "".join(
        kwargs[names[int(part[2])]] if index % 2 else part for index, part in enumerate(parts)
    )


def _template(viewname, names):
    """The address cut at its arguments, and which arguments may hold a slash."""
    markers = {name: f"zq{number}zq" for number, name in enumerate(names)}
    parts = MARKER.split(reverse(viewname, kwargs=markers))
    slashed = set()
    for name in names:
        try:
            reverse(viewname, kwargs={**markers, name: "zq/zq"})
        except NoReverseMatch:
            continue
        slashed.add(name)
    return parts, slashed
