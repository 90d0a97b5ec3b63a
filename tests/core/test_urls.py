"""reverse_slugs gives what reverse gives, for every kind of value."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.urls import reverse_slugs


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:detail", {"section_path": "world-news/europe", "slug": "a-story_2"}),
        ("articles:detail", {"section_path": "news", "slug": "zq0zq"}),
        ("articles:section", {"path": "world-news"}),
        ("articles:author", {"slug": "maya"}),
        # Not slug-like: reverse itself quotes (or refuses) them.
        ("articles:detail", {"section_path": "café", "slug": "story"}),
        ("articles:section", {"path": "a b"}),
    ],
)
def test_same_address_as_reverse(name, kwargs):
    assert reverse_slugs(name, **kwargs) == reverse(name, kwargs=kwargs)


def test_follows_the_script_prefix():
    plain = reverse_slugs("articles:author", slug="maya")
    set_script_prefix("/news/")
    try:
        assert reverse_slugs("articles:author", slug="maya") == "/news" + plain
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("slug", ["not/a/slug", "naïve", ""])
def test_refuses_what_reverse_refuses(slug):
    reverse_slugs("articles:author", slug="warm-up")
    with pytest.raises(NoReverseMatch):
        reverse_slugs("articles:author", slug=slug)
