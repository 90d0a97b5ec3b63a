"""Reading the article admin's pages as a browser would: the inline formsets'
management fields, and the errors shown on each field."""

from html.parser import HTMLParser

INPUTS = {"text", "hidden", "number"}


class _Page(HTMLParser):
    """The inlines' inputs as the page fills them in (`management`), and the error
    lists under fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.management = {}
        self.errors = {}  # element id -> texts
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        kind = (attrs.get("type") or "text").lower()
        inline = "-" in name and "__prefix__" not in name
        if tag == "input" and inline and kind in INPUTS:
            self.management[name] = attrs.get("value") or ""
        if tag == "ul" and (attrs.get("id") or "").endswith("_error"):
            self._open = attrs["id"]
            self.errors[self._open] = []

    def handle_data(self, data):
        if self._open and data.strip():
            self.errors[self._open].append(data.strip())

    def handle_endtag(self, tag):
        if tag == "ul":
            self._open = None


def read(response):
    page = _Page()
    page.feed(response.content.decode())
    return page


def field_errors(response, field):
    """The messages shown under a field of the form (Django's `id_<field>_error` list)."""
    return read(response).errors.get(f"id_{field}_error", [])
