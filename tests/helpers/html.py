"""Reading pages as a reader does."""

import json
import re

from bs4 import BeautifulSoup


def text(response):
    """The page's visible text, tags stripped and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def find_all(node, name, **attrs):
    """Elements named `name` in a tree from django.test.html.parse_html whose
    attributes include `attrs` (class_ for class; a class matches one of several)."""
    wanted = {key.rstrip("_"): value for key, value in attrs.items()}
    found = []
    for child in getattr(node, "children", []):
        if isinstance(child, str):
            continue
        have = dict(child.attributes)
        if child.name == name and all(
            value in (have.get(key) or "").split() if key == "class" else have.get(key) == value
            for key, value in wanted.items()
        ):
            found.append(child)
        found += find_all(child, name, **attrs)
    return found


def children(node, name):
    return [c for c in node.children if not isinstance(c, str) and c.name == name]


def attr(node, name):
    return dict(node.attributes).get(name)


def soup(page):
    """A page (a response, or its HTML) parsed."""
    html = page if isinstance(page, str) else page.content.decode()
    return BeautifulSoup(html, "html.parser")


def words(element):
    """An element's text, whitespace collapsed."""
    return " ".join(element.get_text().split())


def headlines(element):
    """The card headlines under an element (a parsed page or part of one), in order."""
    return [link.get_text() for link in element.select(".card-headline > a")]


def meta(response, name):
    """The content of a <meta property|name=…> (the first), or None."""
    found = soup(response).select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return found["content"] if found else None


def json_ld(response):
    """Every item of the page's JSON-LD blocks."""
    blocks = soup(response).select('script[type="application/ld+json"]')
    return [item for block in blocks for item in json.loads(block.string)]
