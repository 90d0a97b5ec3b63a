"""Sections: the site's tree of subjects, each with its own address, menu place and
page. Sections are few and change rarely, so the whole tree is loaded at once and
cached site-wide (SectionTree)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_script_prefix

from core import sitewide
from core.urls import reverse_slugs

from .notes import ArticleRedirect

# First path segments the site itself uses; a top-level section may not take one.
RESERVED_SLUGS = {
    "admin", "author", "authors", "feeds", "media", "search", "section", "static", "tag",
    "tags", "api", "accounts", "comments", "like", "preview", "corrections", "live", "reader",
    "sitemap.xml", "robots.txt", "archive", "sitemaps", "news-sitemap.xml",
}  # fmt: skip


class SectionTree:
    """Every section, loaded at once: the menu, URL look-ups and breadcrumbs.

    Sections are few and change rarely, so the whole tree is cached site-wide
    (menus may be cached even when pages are not) and rebuilt when one changes.
    """

    CACHE_KEY = "articles:section-tree:v1"

    def __init__(self, sections):
        self.by_id = {section.pk: section for section in sections}
        self.by_path = {section.path: section for section in sections}
        self.children = {}
        for section in sections:
            self.children.setdefault(section.parent_id, []).append(section)

    @classmethod
    def load(cls):
        return sitewide.get(
            cls.CACHE_KEY, lambda: cls(list(Section.objects.order_by("position", "name"))), 60 * 60
        )

    @classmethod
    def forget(cls):
        sitewide.forget(cls.CACHE_KEY)

    @property
    def top_level(self):
        return self.children.get(None, [])

    def ancestors(self, section_id):
        """The section's ancestors from the top, followed by the section itself."""
        chain = []
        section = self.by_id.get(section_id)
        while section is not None:
            chain.append(section)
            section = self.by_id.get(section.parent_id)
        return chain[::-1]

    def root_of(self, section_id):
        chain = self.ancestors(section_id)
        return chain[0] if chain else None

    def subtree_ids(self, section_id):
        """The section's id and those of all its subsections."""
        ids, todo = [], [section_id]
        while todo:
            current = todo.pop()
            ids.append(current)
            todo.extend(child.pk for child in self.children.get(current, []))
        return ids


class Section(models.Model):
    name = models.CharField(
        "name", max_length=100, help_text="As readers see it in the menu and breadcrumbs."
    )
    slug = models.SlugField(
        "slug",
        max_length=100,
        help_text="The section's part of the web address, e.g. “world-news”.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="parent section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsections",
        help_text="Leave empty for a top-level section (shown in the site menu).",
    )
    description = models.TextField(
        "description",
        blank=True,
        max_length=500,
        help_text="One or two sentences shown at the top of the section page.",
    )
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first in menus and on the home page."
    )
    path = models.CharField(
        "web address",
        max_length=500,
        unique=True,
        editable=False,
        help_text="Built from the slugs of the section and its parents.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"],
                name="section_unique_slug_per_parent",
                violation_error_message="This parent already has a section with this slug.",
            ),
        ]

    def __str__(self):
        return " › ".join(s.name for s in self.lineage())

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.build_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            from .articles import Article  # (articles.py imports this module)

            # Renaming or moving a section changes its articles' addresses: the old
            # ones keep working with a 301 (see ArticleRedirect).
            moved = self.articles.filter(
                published_at__isnull=False,
                status__in=[Article.Status.PUBLISHED, Article.Status.UNPUBLISHED],
            )
            for article in moved:
                ArticleRedirect.objects.update_or_create(
                    old_path=f"/{old_path}/{article.slug}/", defaults={"article": article}
                )
            for child in self.subsections.all():
                child.save()
        SectionTree.forget()

    def get_absolute_url(self):
        # Printed three times on every page for each top-level section (the menu
        # strip, the sections disclosure, the footer): worked out once per path.
        where = (self.path, get_script_prefix())
        known = self.__dict__.get("_address")
        if known is None or known[0] != where:
            known = (where, reverse_slugs("articles:section", path=self.path))
            self.__dict__["_address"] = known
        return known[1]

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        SectionTree.forget()
        return result

    def lineage(self):
        """This section and its ancestors, top first (follows the parent links)."""
        chain, section, seen = [], self, set()
        while section is not None and section.pk not in seen:
            seen.add(section.pk)
            chain.append(section)
            section = section.parent
        return chain[::-1]

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def clean(self):
        if self.parent_id is None and self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself."})
        if self.parent_id is None:
            from .pages import Page  # (pages.py imports this module)

            if Page.objects.filter(parent__isnull=True, slug=self.slug).exists():
                raise ValidationError(
                    {"slug": f"“/{self.slug}/” is a page's address: choose another slug."}
                )
        if self.pk and self.parent_id:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": "A section cannot sit inside itself or its own subsections."}
                    )
                ancestor = ancestor.parent
