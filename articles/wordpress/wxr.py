"""
Reading a WordPress export (WXR 1.0, 1.1 or 1.2) as a stream.

An export of a big site runs to hundreds of megabytes, so it is never held whole:
the parser hands over one element at a time, each becomes a small record, and the
element is removed from the tree at once. Memory stays flat however long the file.

defusedxml does the parsing: an export needs no DTD entities and no external
references, so any it declares are refused rather than expanded.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

VERSION = re.compile(r"\d+\.\d+")
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class Malformed(Exception):
    """The file cannot be read as a WordPress export; `line` and `column` say where."""

    def __init__(self, reason, line=None, column=None):
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column

    def __str__(self):
        if self.line is None:
            return self.reason
        return f"line {self.line}, column {self.column}: {self.reason}"


@dataclass
class Site:
    version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""

    @property
    def source(self):
        """The site's identity for re-imports: the blog's own address (on a multisite
        network the site address is the network's), without a trailing slash."""
        address = self.base_blog_url or self.base_site_url or self.link
        return address.strip().rstrip("/").lower()


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    description: str = ""
    wp_id: str = ""


@dataclass
class Category:
    nicename: str
    name: str = ""
    parent: str = ""  # the parent's nicename
    description: str = ""
    term_id: str = ""


@dataclass
class Tag:
    nicename: str
    name: str = ""
    description: str = ""
    term_id: str = ""


@dataclass
class Term:
    """A term of another taxonomy (navigation menus, formats…): counted, not imported."""

    taxonomy: str
    slug: str = ""
    name: str = ""


@dataclass
class Comment:
    id: str = ""
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = ""
    type: str = ""
    parent: str = ""
    user_id: str = ""


@dataclass
class Item:
    """A post, page, attachment or any other post type."""

    id: str = ""
    guid: str = ""
    title: str = ""
    link: str = ""
    pub_date: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    comment_status: str = ""
    name: str = ""
    status: str = ""
    parent: str = ""
    type: str = ""
    password: str = ""
    sticky: str = ""
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # (domain, nicename, name), in document order
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    def terms_of(self, domain):
        return [(nicename, name) for kind, nicename, name in self.terms if kind == domain]


# wp:… children of an <item> and the Item field each fills.
ITEM_FIELDS = {
    "post_id": "id",
    "post_date": "post_date",
    "post_date_gmt": "post_date_gmt",
    "post_modified": "post_modified",
    "post_modified_gmt": "post_modified_gmt",
    "comment_status": "comment_status",
    "post_name": "name",
    "status": "status",
    "post_parent": "parent",
    "post_type": "type",
    "post_password": "password",
    "is_sticky": "sticky",
    "attachment_url": "attachment_url",
}
COMMENT_FIELDS = {
    "comment_id": "id",
    "comment_author": "author",
    "comment_author_email": "email",
    "comment_author_url": "url",
    "comment_author_IP": "ip",
    "comment_date": "date",
    "comment_date_gmt": "date_gmt",
    "comment_content": "content",
    "comment_approved": "approved",
    "comment_type": "type",
    "comment_parent": "parent",
    "comment_user_id": "user_id",
}
AUTHOR_FIELDS = {
    "author_id": "wp_id",
    "author_login": "login",
    "author_email": "email",
    "author_display_name": "display_name",
    "author_first_name": "first_name",
    "author_last_name": "last_name",
    "author_description": "description",
    "author_bio": "description",
}
# An item's <category domain="…"> as WordPress's importer reads it.
DOMAINS = {"tag": "post_tag"}
# Only the post meta the importer reads is kept (the rest can be large: page builders).
META_KEYS = {"_thumbnail_id", "_wp_attached_file", "_wp_attachment_image_alt"}


class _Counting:
    """A file that tells how far it has been read, for the progress bar."""

    def __init__(self, raw, progress):
        self.raw, self.progress, self.position = raw, progress, 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.position += len(data)
        if self.progress is not None:
            self.progress(self.position)
        return data


class Export:
    """One export file. `records()` reads it from the start each time it is called."""

    def __init__(self, path):
        self.path = Path(path)
        self.size = self.path.stat().st_size
        self.wp = ""  # "{http://wordpress.org/export/1.2/}" once seen
        self.excerpt = ""
        self.version = ""

    def records(
        self, *, item_types=None, progress: Callable[[int], None] | None = None
    ) -> Iterator:
        """Yield the Site first (before anything else), then Author, Category, Tag,
        Term and Item records in document order. With `item_types`, only items of
        those post types are read; the others are skipped unread.

        Raises Malformed, naming the line, on a file that is not well-formed XML or
        not a WordPress export.
        """
        with self.path.open("rb") as raw:
            stream = _Counting(raw, progress)
            try:
                yield from self._records(stream, item_types)
            except ParseError as error:
                line, column = error.position
                reason = str(error).split(": line ")[0]
                raise Malformed(reason, line, column + 1) from None
            except DefusedXmlException as error:
                raise Malformed(
                    f"the file declares XML entities or external references ({error}), "
                    "which a WordPress export never needs; it is refused"
                ) from None

    def first_address(self):
        """The scheme and host of the first item's address (its link, else its GUID),
        or "": the site of an export whose channel names none."""
        for record in self.records():
            if not isinstance(record, Item):
                continue
            for address in (record.link, record.guid):
                parts = urlsplit(address)
                if parts.scheme in {"http", "https"} and parts.netloc:
                    return f"{parts.scheme}://{parts.netloc}"
        return ""

    def _records(self, stream, item_types):
        depth = 0
        channel = None
        site = Site()
        site_sent = False
        for event, value in SafeElementTree.iterparse(stream, events=("start-ns", "start", "end")):
            if event == "start-ns":
                self._learn(value[1])
                continue
            if event == "start":
                depth += 1
                if depth == 1 and value.tag != "rss":
                    raise Malformed(f"this is not a WordPress export: it starts with <{value.tag}>")
                if depth == 2 and value.tag == "channel":
                    channel = value
                continue
            element = value
            depth -= 1
            if depth != 2 or channel is None:
                continue
            # A child of <channel> is complete: read it, then let it go.
            record = self._channel_child(element, site, item_types)
            is_item = element.tag == "item"
            element.clear()
            channel.remove(element)
            if is_item or record is not None:
                if not site_sent:
                    site_sent = True
                    yield self._checked(site)
                if record is not None:
                    yield record
        if channel is None:
            raise Malformed("this is not a WordPress export: it has no <channel>")
        if not site_sent:
            yield self._checked(site)

    def _channel_child(self, element, site, item_types):
        """The record a child of <channel> is, or None (the site's own details go
        on `site`)."""
        tag = element.tag
        if tag == "item":
            return self._item(element, item_types)
        if tag in {"title", "link"}:
            setattr(site, tag, (element.text or "").strip())
            return None
        if not (self.wp and tag.startswith(self.wp)):
            return None
        name = tag[len(self.wp) :]
        if name in {"wxr_version", "base_site_url", "base_blog_url"}:
            setattr(site, name.removeprefix("wxr_"), (element.text or "").strip())
            return None
        readers = {
            "author": self._author,
            "category": self._category,
            "tag": self._tag,
            "term": self._term,
        }
        return readers[name](element) if name in readers else None

    def _checked(self, site):
        """The site, once it is known to be a WordPress export WordPress itself would
        import: its wp:wxr_version must be a version number (WordPress's importer
        checks /^\\d+\\.\\d+$/ and refuses the file otherwise)."""
        if not self.wp:
            raise Malformed(
                "this is not a WordPress export: it has no http://wordpress.org/export/ namespace"
            )
        if not site.version:
            raise Malformed(
                "this is not a WordPress export: it has no <wp:wxr_version> (WordPress's "
                "own importer refuses such a file too)"
            )
        if not VERSION.fullmatch(site.version):
            raise Malformed(
                f"this is not a WordPress export: its <wp:wxr_version> “{site.version}” is "
                "not a version number such as 1.2 (WordPress's own importer refuses it too)"
            )
        return site

    def _learn(self, uri):
        if match := WP_NAMESPACE.match(uri):
            self.wp, self.version = f"{{{uri}}}", match[1]
        elif EXCERPT_NAMESPACE.match(uri):
            self.excerpt = f"{{{uri}}}encoded"

    def _text(self, element, name):
        return (element.findtext(self.wp + name) or "").strip()

    def _author(self, element):
        author = Author(login="")
        for child in element:
            name = child.tag[len(self.wp) :] if child.tag.startswith(self.wp) else ""
            if name in AUTHOR_FIELDS:
                setattr(author, AUTHOR_FIELDS[name], (child.text or "").strip())
        return author if author.login else None

    def _term(self, element):
        return Term(
            taxonomy=self._text(element, "term_taxonomy"),
            slug=self._text(element, "term_slug"),
            name=self._text(element, "term_name"),
        )

    def _category(self, element):
        category = Category(
            nicename=self._text(element, "category_nicename"),
            name=self._text(element, "cat_name"),
            parent=self._text(element, "category_parent"),
            description=self._text(element, "category_description"),
            term_id=self._text(element, "term_id"),
        )
        return category if category.nicename or category.name else None

    def _tag(self, element):
        tag = Tag(
            nicename=self._text(element, "tag_slug"),
            name=self._text(element, "tag_name"),
            description=self._text(element, "tag_description"),
            term_id=self._text(element, "term_id"),
        )
        return tag if tag.nicename or tag.name else None

    def _item(self, element, item_types):
        wp = self.wp
        if item_types is not None and self._text(element, "post_type") not in item_types:
            return None
        item = Item()
        plain_categories = []
        for child in element:
            tag, text = child.tag, child.text or ""
            if tag.startswith(wp):
                name = tag[len(wp) :]
                if name in ITEM_FIELDS:
                    setattr(item, ITEM_FIELDS[name], text.strip())
                elif name == "postmeta":
                    key = self._text(child, "meta_key")
                    if key in META_KEYS:
                        item.meta[key] = (child.findtext(wp + "meta_value") or "").strip()
                elif name == "comment":
                    item.comments.append(self._comment(child))
            elif tag == CONTENT_ENCODED:
                item.content = text
            elif tag == self.excerpt:
                item.excerpt = text
            elif tag == DC_CREATOR:
                item.creator = text.strip()
            elif tag == "category":
                # WXR 1.0 calls tags "tag"; WordPress's importer reads them as post_tag.
                domain = DOMAINS.get(child.get("domain"), child.get("domain"))
                if domain:
                    item.terms.append((domain, child.get("nicename", ""), text.strip()))
                else:
                    plain_categories.append(text.strip())
            elif tag in {"title", "link", "guid"}:
                setattr(item, tag, text.strip())
            elif tag == "pubDate":
                item.pub_date = text.strip()
        # WXR 1.0 lists each category twice, once without a domain: those count
        # only when there is no other.
        if not item.terms_of("category"):
            item.terms += [("category", "", name) for name in plain_categories if name]
        return item

    def _comment(self, element):
        comment = Comment()
        for child in element:
            name = child.tag[len(self.wp) :] if child.tag.startswith(self.wp) else ""
            if name in COMMENT_FIELDS:
                text = child.text or ""
                setattr(
                    comment,
                    COMMENT_FIELDS[name],
                    text if name == "comment_content" else text.strip(),
                )
        return comment
