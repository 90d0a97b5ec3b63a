"""
Authors, categories and tags: the export's terms as Newsroom's authors, sections
and tags. A post's first category is its section (the category's parents become
the section's parents); its other categories become tags, with its tags.
"""

import re
from urllib.parse import unquote

from django.utils.text import slugify
from taggit.models import Tag

from ..models import RESERVED_SLUGS, Author, ImportedObject, Section
from . import content, wxr
from .identity import Kind, field_limit, trim_slug


class Terms:
    """The importer's part that makes authors, sections and tags (see importer.Import)."""

    def _author(self, record):
        ref = self._ref(Kind.AUTHOR, record.login)
        author = self._object(ref, Author)
        name = (
            content.plain(record.display_name)
            or f"{record.first_name} {record.last_name}".strip()
            or record.login
        )
        details = {"login": record.login, "email": record.email, "display_name": name}
        if author is None:
            author = Author(slug=self._unique_author_slug(record.login, name))
        author.name = self._fit(name, Author, "name", f"author {record.login}", "import record")
        bio = content.plain(record.description)
        if len(bio) > field_limit(Author, "bio"):
            self.report.note(
                "long",
                f"author {record.login}: bio kept whole ({len(bio)} characters; the "
                "admin asks for at most 600 when it is next edited)",
            )
        if bio or author.pk is None:
            author.bio = bio
        self._save(author, "author")
        self._remember(ref, Kind.AUTHOR, record.login, author, details=details)
        self.authors[record.login] = author
        return author

    def _unique_author_slug(self, login, name):
        limit = field_limit(Author, "slug")
        # "bob.smith" and "bob@example.com" are logins too: their dots and at signs
        # separate words, as spaces do.
        login_words = re.sub(r"[^\w\s-]+", " ", login)
        base = trim_slug(slugify(login_words) or slugify(name) or "author", limit - 4)
        slug, number = base, 1
        while Author.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        if slug != base:
            self.report.note("slugs", f"author {login}: /author/{slug}/ ({base} was taken)")
        return slug

    def _author_for(self, login):
        if not login:
            return None
        if login not in self.authors:
            # Not in the export's list of authors (WXR 1.0 has none): made from the login.
            self._author(wxr.Author(login=login))
        return self.authors[login]

    def _channel_tag(self, record):
        nicename = record.nicename or slugify(record.name)
        name = content.plain(record.name) or unquote(nicename)
        ref = self._ref(Kind.TAG, nicename)
        tag = self._object(ref, Tag)
        if tag is None:
            tag = self._tag_named(name)
        elif (
            tag.name != name
            and not Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).exists()
        ):
            tag.name = name
            tag.save()
            self.report.count("tag", "updated")
        if tag is not None:
            self._remember(ref, Kind.TAG, nicename, tag)
            self.tags[nicename] = tag

    def _tag_named(self, name):
        """The tag of that name (tags ignore case), made when missing."""
        name = " ".join(name.split())
        if not name:
            return None
        if len(name) > field_limit(Tag, "name"):
            self.report.note("long", f"tag not imported, too long for a tag: “{name}”")
            return None
        tag = self.tag_names.get(name.lower())
        if tag is None:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
                self.report.count("tag", "created")
            self.tag_names[name.lower()] = tag
        return tag

    def _make_sections(self):
        """Sections for every category, parents before their children."""
        pending = dict(self.categories)
        while pending:
            ready = [
                category
                for nicename, category in pending.items()
                if not (category.parent in pending and category.parent != nicename)
            ]
            if not ready:  # a loop of parents: break it at the top level
                ready = list(pending.values())[:1]
                ready[0].parent = ""
            for category in ready:
                key = category.nicename or slugify(category.name)
                parent = self.sections.get(category.parent) if category.parent else None
                if category.parent and parent is None:
                    self.report.note(
                        "other",
                        f"category {key}: its parent “{category.parent}” is not in the export; "
                        "made a top-level section",
                    )
                self.sections[key] = self._section(category, parent)
                del pending[key]

    def _section(self, category, parent):
        key = category.nicename or slugify(category.name)
        ref = self._ref(Kind.CATEGORY, key)
        section = self._object(ref, Section)
        name = content.plain(category.name) or unquote(key)
        description = content.plain(category.description)
        if len(name) > field_limit(Section, "name"):
            self.report.note("long", f"category {key}: name shortened; full name in description")
            description = f"{name}. {description}".strip()
            name = content.shorten(name, field_limit(Section, "name"))
        if section is None:
            base = trim_slug(
                slugify(unquote(key)) or slugify(name) or f"category-{category.term_id}",
                field_limit(Section, "slug") - 4,
            )
            section = self._adoptable_section(parent, base, key)
            if section is None:
                section = Section(parent=parent, slug=self._unique_section_slug(parent, base, key))
        section.name = name
        section.parent = parent
        if description or section.pk is None:
            section.description = description
        self._save(section, "section")
        self._remember(ref, Kind.CATEGORY, key, section)
        return section

    def _adoptable_section(self, parent, slug, key):
        """A section already at that place in Newsroom becomes the category's, unless
        another category of this export has it."""
        if parent is None and slug in RESERVED_SLUGS:
            return None
        section = Section.objects.filter(parent=parent, slug=slug).first()
        if section is None:
            return None
        taken = ImportedObject.objects.filter(
            source=self.source,
            kind=Kind.CATEGORY,
            content_type=self.content_type(Section),
            object_id=section.pk,
        ).exclude(key=key)
        return None if taken.exists() else section

    def _unique_section_slug(self, parent, base, key):
        slug, number = base, 1
        while (parent is None and slug in RESERVED_SLUGS) or Section.objects.filter(
            parent=parent, slug=slug
        ).exists():
            number += 1
            slug = f"{base}-{number}"
        if slug != base:
            where = f"{parent.path}/{slug}" if parent else slug
            self.report.note(
                "slugs", f"category {key}: section /section/{where}/ ({base} was taken)"
            )
        return slug

    def _section_for_post(self, item):
        """The post's first category is its section; the others become tags."""
        categories = item.terms_of("category")
        if not categories:
            return self._fallback_section(), []
        nicename, name = categories[0]
        key = nicename or slugify(name)
        section = self.sections.get(key)
        if section is None:  # a category the export's list lacks
            section = self.sections[key] = self._section(
                wxr.Category(nicename=key, name=name), None
            )
        tags = []
        for other, other_name in categories[1:]:
            known = self.categories.get(other)
            tags.append(self._tag_named(content.plain(known.name if known else other_name)))
        return section, tags

    def _fallback_section(self):
        if self.default_section is None:
            name = self.default_section_name
            slug = trim_slug(slugify(name) or "uncategorized", field_limit(Section, "slug") - 4)
            # WordPress's own "Uncategorized" category, if imported, is this section.
            section = Section.objects.filter(parent=None, slug=slug).first()
            if section is None:
                section = Section(
                    name=content.shorten(name, field_limit(Section, "name")),
                    slug=self._unique_section_slug(None, slug, "(no category)"),
                )
                self._save(section, "section")
            self.default_section = section
        return self.default_section
