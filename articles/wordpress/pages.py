"""WordPress pages (`wp:post_type` page): each becomes a Page, with its place under
its parent page kept (`/about/team/`) and its old address redirected.

Pages are few, so they are gathered while the posts stream by and made at the
end, parents first. A page is remembered by its WordPress id like a post, so a
new run updates it. A page whose wanted address is the site's own or a
section's (`/news/`) gets "-page" added to its slug, and is listed.
"""

import re
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify

from .. import blocks
from .. import body as body_rules
from ..models import ArticleEmbed, ImportedObject, Page, PageRedirect
from ..models.pages import top_level_slugs_taken
from . import content
from .identity import field_limit, post_key, trim_slug

Kind = ImportedObject.Kind
STATUSES = {
    "publish": Page.Status.PUBLISHED,
    "future": Page.Status.PUBLISHED,
    "draft": Page.Status.DRAFT,
    "pending": Page.Status.REVIEW,
    "private": Page.Status.DRAFT,
}


class Pages:
    """The importer's part that makes pages (see importer.Import)."""

    def _pages(self, items):
        by_id = {}
        for item in items:
            by_id[item.id or post_key(item)] = item
        made = {}  # WordPress id → Page
        refs = self.refs(Kind.PAGE, list(by_id))
        taken = top_level_slugs_taken()
        for key in sorted(by_id, key=lambda key: self._depth(key, by_id)):
            item = by_id[key]
            with self._naming(f"page {key}"):
                made[key] = self._page(item, key, refs.get(key), made, taken)

    @staticmethod
    def _depth(key, by_id):
        depth, seen = 0, {key}
        while (parent := by_id[key].parent) in by_id and parent not in seen:
            depth, key = depth + 1, parent
            seen.add(key)
        return depth

    def _page(self, item, key, ref, made, taken):
        where = f"page {key}"
        page = self._object(ref, Page) or Page()
        created = page.pk is None
        page.parent = made.get(item.parent) if item.parent not in {"", "0"} else None
        if item.parent not in {"", "0"} and page.parent is None:
            self.report.note("other", f"{where}: its parent page {item.parent} is not in the "
                             "export; imported as a top-level page")  # fmt: skip
        page.title = content.shorten(
            content.plain(item.title) or "(no title)", field_limit(Page, "title")
        )
        page.summary = content.shorten(content.plain(item.excerpt), field_limit(Page, "summary"))
        converted = self.converter.convert(item.content)
        self._note_conversion(converted, where)
        page.body = self._with_blocks(item, page.title, converted)
        page.status = STATUSES.get(item.status, Page.Status.DRAFT)
        if item.password or item.status == "private":
            page.status = Page.Status.DRAFT
            self.report.note("private", f"{where}: {page.title} (imported as a draft)")
        page.slug = self._page_slug(item, page, taken, where)
        page.save()
        self.report.count("page", "created" if created else "updated")
        self._remember(ref, Kind.PAGE, key, page, details={"link": item.link})
        self._page_redirect(item, page, where)
        return page

    def _with_blocks(self, item, title, converted):
        """The page's body with its pictures, galleries and embeds as blocks where
        the page had them, as a post's (batch.Batch._write_blocks)."""
        placed = [
            (after, blocks.canonical("image", {"image": image.pk, "align": figure.align}))
            for after, image, figure in converted.placements
        ]
        for number, (after, found) in enumerate(converted.galleries, start=1):
            gallery = self._gallery(item, title, number, found)
            if gallery is not None:
                placed.append((after, blocks.canonical("gallery", {"gallery": gallery.pk})))
        for after, found in converted.embedded:
            attrs = {"url": found.url, "title": found.title[: field_limit(ArticleEmbed, "title")]}
            placed.append((after, blocks.canonical("embed", attrs)))
        if not placed:
            return converted.body
        pieces = body_rules.paragraphs(converted.body)
        return blocks.place(pieces, sorted(placed, key=lambda pair: pair[0]))

    def _page_slug(self, item, page, taken, where):
        wanted = slugify(unquote(item.name)) or slugify(content.plain(item.title))
        base = trim_slug(wanted or f"page-{item.id}", field_limit(Page, "slug") - 6)
        if page.parent is None and base in taken:
            self.report.note("slugs", f"{where}: /{base}/ is the site's or a section's: "
                             f"/{base}-page/")  # fmt: skip
            base = f"{base}-page"
        siblings = Page.objects.filter(parent=page.parent).exclude(pk=page.pk)
        slug, number = base, 1
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        if slug != base:
            self.report.note("slugs", f"{where}: {slug} ({base} was taken)")
        return slug

    def _page_redirect(self, item, page, where):
        parts = urlsplit(item.link)
        path = unquote(parts.path)
        if parts.query or not path.startswith("/") or path == "/":
            return
        if not path.endswith("/") and not re.search(r"\.html?$", path):
            path += "/"
        if path == page.get_absolute_url():
            return
        if len(path) > field_limit(PageRedirect, "old_path"):
            self.report.note("other", f"{where}: old address too long to redirect: {path}")
            return
        _, made = PageRedirect.objects.update_or_create(old_path=path, defaults={"page": page})
        self.report.count("redirect", "created" if made else "updated")
