"""The search results page read through an HTML parser: what a reader sees of it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    @property
    def text(self):
        return " ".join(
            "".join(c if isinstance(c, str) else f" {c.text} " for c in self.children).split()
        )

    @property
    def inner_html(self):
        """The children as markup, tags without attributes (enough for <mark>)."""
        return "".join(
            c if isinstance(c, str) else f"<{c.tag}>{c.inner_html}</{c.tag}>" for c in self.children
        )

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, testid=None):
        return [
            e
            for e in self.iter()
            if tag in (None, e.tag) and testid in (None, e.attrs.get("data-testid"))
        ]

    def find(self, tag=None, testid=None):
        found = self.find_all(tag, testid)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(response):
    builder = _Builder()
    builder.feed(response.content.decode())
    builder.close()
    return builder.root


@dataclass
class Result:
    headline: str
    snippet: str  # the snippet's text
    snippet_html: str  # with <mark>, text unescaped
    thumbnail: dict | None  # the <img> attributes


def results(response):
    """Each result as a reader sees it, in order."""
    found = []
    for item in parse(response).find_all(testid="search-result"):
        snippet = item.find(testid="search-snippet")
        thumbnail = item.find(testid="search-thumbnail")
        found.append(
            Result(
                headline=item.find("h2").text,
                snippet=snippet.text,
                snippet_html=snippet.inner_html,
                thumbnail=thumbnail.find("img").attrs if thumbnail else None,
            )
        )
    return found


def headlines(response):
    return [result.headline for result in results(response)]


def heading(response):
    return parse(response).find(testid="search-heading").text
