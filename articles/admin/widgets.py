"""Widgets of the articles admin: the tag picker, and the media of pages with image pickers."""

from django.urls import reverse_lazy
from taggit.forms import TagWidget


class TagAutocompleteWidget(TagWidget):
    """Taggit's comma-separated text box, upgraded by JavaScript to a search-as-you-type
    picker that suggests existing tags and still lets the editor create new ones.

    Without JavaScript it stays the plain text box, which still works.
    """

    class Media:
        css = {"all": ["admin/css/vendor/select2/select2.css", "admin/css/autocomplete.css"]}
        js = [
            "admin/js/vendor/jquery/jquery.js",
            "admin/js/vendor/select2/select2.full.js",
            "admin/js/jquery.init.js",
            "js/admin-tags.js",
        ]

    def __init__(self, attrs=None):
        attrs = {
            "data-tag-autocomplete": "",
            "data-url": reverse_lazy("admin:articles_article_tag_suggestions"),
            "class": "vLargeTextField",
            **(attrs or {}),
        }
        super().__init__(attrs)


class EditorsMedia:
    """The admin's own stylesheet, and thumbnails in every library image picker
    (lead image, author photo, …): the Media of the pages that have pickers."""

    css = {"all": ["css/admin.css"]}
    js = ["js/image-picker.js"]
