"""
Importing a WordPress export into Newsroom.

The file is read twice, as a stream (see wxr.py): first the authors, categories,
tags and attachments (the library images posts refer to), then the posts with
their comments. Everything is written in one transaction: a run that fails, on a
malformed file or anything else, changes nothing in the database, and the image
files it had stored are deleted again.

Every object is remembered in ImportedObject under the export's site address and
its WordPress identity (ids; a category's or tag's slug; a post's GUID as well), so
running the same import again updates what it made instead of adding copies.

How WordPress's things become Newsroom's:

- a post's first category is its section (the category's parents become the
  section's parents); its other categories become tags, with its tags;
- publish → Published; future → Published at its future time (Scheduled);
  draft → Draft; pending → In review; private, and password-protected posts
  (Newsroom has no passwords) → Unpublished, so nobody outside the newsroom
  sees them; trash, auto-drafts and revisions are skipped;
- the excerpt is the standfirst; a post without one gets its first 55 words,
  as WordPress shows it in listings;
- text is never cut: a value longer than its field is shortened there at a word,
  with "…", and kept whole elsewhere (a headline or standfirst as the body's first
  paragraph, a caption as a paragraph under its picture, anything else in the
  import record), and listed in the summary.
"""

import hashlib
import re
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from images import library as images
from images.models import CaptionedImage

from .. import body as body_rules
from ..editorial import workflow
from ..models import (
    RESERVED_SLUGS,
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleRedirect,
    Author,
    Byline,
    ImportedObject,
    Section,
)
from . import content, post_imported, wxr

Kind = ImportedObject.Kind

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.UNPUBLISHED,
}
SKIPPED_STATUSES = {
    "trash": "posts in WordPress's trash",
    "auto-draft": "automatic drafts (never written)",
    "inherit": "revisions",
}
PICTURE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif"}
EXCERPT_WORDS = 55  # WordPress's own automatic excerpt
UPLOADS = re.compile(r"/(?:wp-content/uploads|files)/(.+)$")
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)$")
NO_TITLE = "(no title)"
DATES = ("created_at", "updated_at")


class Failed(Exception):
    """Something in the export could not be imported (the run is rolled back)."""


def field_limit(model, name):
    return model._meta.get_field(name).max_length


def uploads_path(address):
    """The part of a picture's address under WordPress's uploads folder
    ("…/wp-content/uploads/2021/05/x.jpg" → "2021/05/x.jpg"); a relative path (as in
    _wp_attached_file) is returned as it is."""
    if not address:
        return ""
    if "://" not in address and not address.startswith("/"):
        return unquote(address).lstrip("/")
    match = UPLOADS.search(unquote(urlsplit(address).path))
    return match[1] if match else ""


def original_of(relative):
    """The uploaded file a resized copy was made from ("x-300x200.jpg" → "x.jpg")."""
    path = PurePosixPath(relative)
    return str(path.with_name(SIZE_SUFFIX.sub("", path.stem) + path.suffix))


def trim_slug(slug, limit):
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return cut[: cut.rfind("-")] if "-" in cut[limit // 2 :] else cut


class Report:
    """What a run did and what needs a person's attention: the summary at the end."""

    EXAMPLES = 20
    TOPICS = {
        "missing": "Pictures in posts not found under --media-dir (kept in the text as "
        "“Image: caption (old address)”)",
        "attachments_missing": "Attachments whose file was not found under --media-dir (not "
        "imported; still at their old address)",
        "not_pictures": "Attachments that are not pictures (not imported; still at their old "
        "address)",
        "refused": "Pictures the image library refused",
        "featured": "Featured images that could not be imported (no lead image)",
        "long": "Longer than their field: shortened there at a word, kept whole as said",
        "slugs": "Addresses changed to stay unique",
        "private": "Password-protected posts (imported unpublished: Newsroom has no passwords)",
        "dates": "Dates that could not be read",
        "comments": "Comment details not kept",
        "other": "Other notes",
    }

    def __init__(self):
        self.site = None
        self.counts = Counter()  # (kind, "created" / "updated")
        self.skipped = Counter()
        self.skipped_examples = {}
        self.notes = {}
        self.shortcodes = Counter()
        self.shortcode_posts = {}
        self.removed = Counter()
        self.dynamic_blocks = Counter()
        self.taxonomies = Counter()
        self.tallies = Counter()

    def count(self, kind, action, number=1):
        self.counts[kind, action] += number

    def skip(self, reason, example=""):
        self.skipped[reason] += 1
        examples = self.skipped_examples.setdefault(reason, [])
        if example and len(examples) < 5:
            examples.append(example)

    def note(self, topic, line):
        self.notes.setdefault(topic, []).append(line)

    def shortcode(self, name, number, post):
        self.shortcodes[name] += number
        posts = self.shortcode_posts.setdefault(name, [])
        if len(posts) < self.EXAMPLES:
            posts.append(post)

    def lines(self):
        site = self.site
        out = [f"Imported {site.source} (WXR {site.version or 'version unknown'})."]
        for kind, label in (
            ("author", "Authors"),
            ("section", "Sections"),
            ("tag", "Tags"),
            ("image", "Library images"),
            ("article", "Articles"),
            ("comment", "Comments"),
            ("redirect", "Old addresses redirected"),
        ):
            created, updated = self.counts[kind, "created"], self.counts[kind, "updated"]
            out.append(f"  {label}: {created} created, {updated} updated")
        for what, number in sorted(self.tallies.items()):
            out.append(f"  {what}: {number}")
        if self.skipped:
            out.append("Skipped:")
            for reason, number in sorted(self.skipped.items()):
                examples = ", ".join(self.skipped_examples.get(reason, []))
                out.append(f"  {reason}: {number}" + (f" (e.g. {examples})" if examples else ""))
        if self.shortcodes:
            out.append("Shortcodes Newsroom does not know, kept in the text as they were:")
            for name, number in self.shortcodes.most_common():
                posts = ", ".join(self.shortcode_posts[name])
                more = "…" if len(self.shortcode_posts[name]) == self.EXAMPLES else ""
                out.append(f"  [{name}] ×{number} in posts {posts}{more}")
        if self.dynamic_blocks:
            names = ", ".join(f"{n} ×{c}" for n, c in self.dynamic_blocks.most_common())
            out.append(
                "Blocks WordPress fills in when a page is shown (not in the export, so "
                f"not imported): {names}"
            )
        if self.removed:
            names = ", ".join(f"<{n}> ×{c}" for n, c in self.removed.most_common())
            out.append(
                f"HTML a body cannot hold, removed (its text kept, except scripts and styles): "
                f"{names}"
            )
        if self.taxonomies:
            names = ", ".join(f"{n} ×{c}" for n, c in self.taxonomies.most_common())
            out.append(f"Other taxonomies on posts, not imported: {names}")
        for topic, title in self.TOPICS.items():
            lines = self.notes.get(topic)
            if lines:
                out.append(f"{title}: {len(lines)}")
                out.extend(f"  {line}" for line in lines)
        return out


class _Batch:
    """What a batch of posts adds besides the articles, written in a few statements."""

    def __init__(self):
        self.replaced = set()
        self.bylines, self.tagged, self.figures, self.events = [], [], [], []
        self.new_refs, self.changed_refs, self.dated = [], [], []
        self.redirects = {}
        self.slugs = {}  # (section id, slug) → article id, for the batch's posts

    def write(self, report):
        if self.replaced:
            # A re-import makes byline, tags and pictures match the export again.
            Byline.objects.filter(article_id__in=self.replaced).delete()
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                object_id__in=self.replaced,
            ).delete()
            ArticleImage.objects.filter(article_id__in=self.replaced).delete()
        Byline.objects.bulk_create(self.bylines)
        TaggedItem.objects.bulk_create(self.tagged)
        ArticleImage.objects.bulk_create(self.figures)
        ArticleEvent.objects.bulk_create(self.events)
        ImportedObject.objects.bulk_create(self.new_refs)
        ImportedObject.objects.bulk_update(self.changed_refs, ["guid", "details", "updated_at"])
        self._write_dates()
        if self.redirects:
            existing = ArticleRedirect.objects.in_bulk(list(self.redirects), field_name="old_path")
            moved = []
            for old_path, article_id in self.redirects.items():
                redirect = existing.get(old_path)
                if redirect is None:
                    continue
                if redirect.article_id != article_id:
                    redirect.article_id = article_id
                    moved.append(redirect)
                report.count("redirect", "updated")
            ArticleRedirect.objects.bulk_update(moved, ["article"])
            new = [
                ArticleRedirect(old_path=old_path, article_id=article_id)
                for old_path, article_id in self.redirects.items()
                if old_path not in existing
            ]
            ArticleRedirect.objects.bulk_create(new)
            report.count("redirect", "created", len(new))

    def _write_dates(self):
        """The articles' WordPress dates. `created_at` is stamped by its field on every
        insert, so it is written afterwards; one statement for the batch, as
        bulk_update's CASE per row costs more than the rest of the import."""
        if not self.dated:
            return
        adapt = connection.ops.adapt_datetimefield_value
        rows = [
            (adapt(article.created_at), adapt(article.updated_at), article.pk)
            for article in self.dated
        ]
        meta, quote = Article._meta, connection.ops.quote_name
        created, updated = (quote(meta.get_field(name).column) for name in DATES)
        table = quote(meta.db_table)
        # Names come from the model; values are parameters.
        sql = f"UPDATE {table} SET {created} = %s, {updated} = %s WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


class Import:
    """One run of the importer over one export file."""

    BATCH = 200

    def __init__(self, path, *, media_dir=None, default_section="Uncategorized", progress=None):
        self.export = wxr.Export(path)
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.default_section_name = default_section
        self.progress = progress
        self.report = Report()
        self.written = []  # files stored by this run: deleted again if it fails
        self.tz = timezone.get_default_timezone()
        self.source = ""
        self.base_url = ""
        self.converter = content.Converter(
            self._resolve_figure, caption_limit=field_limit(CaptionedImage, "caption")
        )
        # Small maps, by WordPress identity: their size follows the number of
        # authors, categories, tags and attachments, never the length of the file.
        self.authors = {}  # login → Author
        self.categories = {}  # nicename → wxr.Category
        self.sections = {}  # nicename → Section
        self.default_section = None
        self.tags = {}  # post_tag nicename → Tag
        self.tag_names = {}  # lower-case name → Tag
        self.attachments = {}  # attachment id → CaptionedImage pk (None: not imported)
        self.attachment_files = {}  # uploads path of the original → CaptionedImage pk
        self.content_types = {}
        self.comment_refs = {}  # comment id → ImportedObject, for the batch of posts
        self.started = timezone.now()

    def run(self):
        """Import the whole file in one transaction; returns the Report."""
        try:
            with transaction.atomic():
                self._first_pass()
                self._second_pass()
        except BaseException:
            images.delete_files(self.written)
            raise
        return self.report

    def _records(self, number, **options):
        progress = partial(self.progress, number, self.export.size) if self.progress else None
        return self.export.records(progress=progress, **options)

    # --- First pass: the site, authors, categories, tags, attachments -----------

    def _first_pass(self):
        for record in self._records(1, item_types={"attachment"}):
            if isinstance(record, wxr.Site):
                self._site(record)
            elif isinstance(record, wxr.Author):
                self._author(record)
            elif isinstance(record, wxr.Category):
                self.categories[record.nicename or slugify(record.name)] = record
            elif isinstance(record, wxr.Tag):
                self._channel_tag(record)
            elif isinstance(record, wxr.Term):
                self.report.skip(f"terms of other taxonomies ({record.taxonomy})", record.slug)
            elif isinstance(record, wxr.Item):
                with self._naming(f"attachment {record.id}"):
                    self._attachment(record)
        self._make_sections()

    @contextmanager
    def _naming(self, what):
        """Say which post or attachment an unexpected error came from."""
        try:
            yield
        except (wxr.Malformed, Failed):
            raise
        except Exception as error:
            raise Failed(f"{what} could not be imported: {error}") from error

    def _site(self, site):
        self.report.site = site
        self.source = site.source
        if not self.source:
            raise wxr.Malformed(
                "the export does not say which site it comes from (no wp:base_blog_url, "
                "wp:base_site_url or link)"
            )
        if len(self.source) > field_limit(ImportedObject, "source"):
            raise wxr.Malformed(f"the site's address is too long to remember: {self.source}")
        self.base_url = (site.base_blog_url or site.link or site.base_site_url).rstrip("/")
        self.converter.base_url = self.base_url

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

    # --- Pictures ---------------------------------------------------------------

    def _attachment(self, item):
        url = item.attachment_url or item.guid
        relative = uploads_path(item.meta.get("_wp_attached_file", "")) or uploads_path(url)
        suffix = PurePosixPath(relative or urlsplit(url).path).suffix.lower()
        self.attachments[item.id] = None
        if suffix not in PICTURE_EXTENSIONS:
            self.report.note("not_pictures", f"attachment {item.id}: {url}")
            return
        ref = self._ref(Kind.ATTACHMENT, item.id)
        image = self._object(ref, CaptionedImage)
        path = self._find(relative, url)
        if image is None and path is None:
            self.report.note("attachments_missing", f"attachment {item.id}: {url}")
            return
        where = f"attachment {item.id}"
        caption, credit = content.split_credit(content.plain(item.excerpt))
        description = content.plain(item.content)
        details = {"url": url}
        if not caption:
            caption, description = description, ""
        if description:
            details["description"] = description
            self.report.tallies["Attachment descriptions kept only in the import record"] += 1
        title = content.plain(item.title) or PurePosixPath(relative or url).name
        alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
        fresh = image is None
        if fresh:
            image = CaptionedImage()
        image.title = self._fit(title, CaptionedImage, "title", where, "import record")
        image.caption = self._fit(caption, CaptionedImage, "caption", where, "import record")
        image.credit = credit
        self._set_alt(image, alt, caption, where)
        if image.title != title or image.caption != caption:
            details.update(title=title, caption=caption)
        if fresh:
            if not self._store_picture(image, path, where):
                return
        else:
            self._save(image, "image")
        self._remember(ref, Kind.ATTACHMENT, item.id, image, details=details)
        self.attachments[item.id] = image.pk
        if relative:
            self.attachment_files[original_of(relative)] = image.pk

    def _set_alt(self, image, alt, caption, where):
        alt = alt or caption
        if len(alt) > field_limit(CaptionedImage, "alt_text"):
            self.report.note("long", f"{where}: alt text shortened ({len(alt)} characters)")
            alt = content.shorten(alt, field_limit(CaptionedImage, "alt_text"))
        image.alt_text = alt
        # WordPress allowed a picture without alt text; here that is "decorative".
        image.decorative = not alt
        if not alt:
            self.report.tallies["Pictures without alt text (marked decorative)"] += 1

    def _find(self, *addresses):
        """The file of a picture under --media-dir, by its path under the uploads
        folder; a resized copy's original is preferred."""
        if self.media_dir is None:
            return None
        for address in addresses:
            relative = uploads_path(address)
            if not relative:
                continue
            original = original_of(relative)
            stem, suffix = original.rsplit(".", 1) if "." in original else (original, "")
            candidates = [original, f"{stem}-scaled.{suffix}", relative]
            # A multisite network keeps each site's uploads in sites/<n>/.
            candidates += [re.sub(r"^sites/\d+/", "", c) for c in candidates]
            for candidate in dict.fromkeys(candidates):
                path = (self.media_dir / candidate).resolve()
                if path.is_relative_to(self.media_dir) and path.is_file():
                    return path
        return None

    def _store_picture(self, image, path, where):
        """Run the file through the image library (checked, re-encoded, stored)."""
        with path.open("rb") as handle:
            try:
                upload = images.inspect(File(handle, name=path.name))
            except ValidationError as error:
                self.report.note("refused", f"{where}: {path.name}: {' '.join(error.messages)}")
                return False
            try:
                images.save(image, upload)
            finally:
                self.written += [(f.storage, f.name) for f in (image.original, image.image) if f]
        self.report.count("image", "created")
        return True

    def _resolve_figure(self, figure):
        """The library image for a picture in a post: the attachment's own when the
        caption, credit and alt text agree (or it has none), else one of its own."""
        relative = uploads_path(figure.src)
        pk = self.attachments.get(figure.attachment_id) if figure.attachment_id else None
        if pk is None and relative:
            pk = self.attachment_files.get(original_of(relative))
        if pk is not None:
            image = CaptionedImage.objects.get(pk=pk)
            if self._agrees(image, figure):
                return image
        key = self._figure_key(relative or figure.src, figure)
        ref = self._ref(Kind.IMAGE, key)
        image = self._object(ref, CaptionedImage)
        if image is not None:
            return image
        path = self._find(figure.src)
        if path is None:
            return None
        where = f"picture {PurePosixPath(relative or figure.src).name}"
        image = CaptionedImage(
            title=content.shorten(
                figure.caption or figure.alt or PurePosixPath(path).name,
                field_limit(CaptionedImage, "title"),
            ),
            caption=figure.caption,
            credit=figure.credit,
        )
        self._set_alt(image, figure.alt, figure.caption, where)
        if not self._store_picture(image, path, where):
            return None
        self._remember(None, Kind.IMAGE, key, image, details={"url": figure.src})
        return image

    @staticmethod
    def _agrees(image, figure):
        wanted = {"caption": figure.caption, "credit": figure.credit, "alt_text": figure.alt}
        if any(value and getattr(image, name) not in {"", value} for name, value in wanted.items()):
            return False
        # What the library image lacks, the post's picture fills in.
        changed = [name for name, value in wanted.items() if value and not getattr(image, name)]
        if changed:
            for name in changed:
                setattr(image, name, wanted[name])
            image.decorative = image.decorative and not image.alt_text
            image.save(update_fields=[*changed, "decorative"])
        return True

    @staticmethod
    def _figure_key(address, figure):
        words = "\n".join([figure.caption, figure.credit, figure.alt])
        digest = hashlib.sha256(words.encode()).hexdigest()[:16]
        key = f"{address}#{digest}"
        if len(key) > field_limit(ImportedObject, "key"):
            key = hashlib.sha256(key.encode()).hexdigest()
        return key

    # --- Second pass: posts -----------------------------------------------------

    def _second_pass(self):
        batch = []
        for record in self._records(2):
            if not isinstance(record, wxr.Item) or record.type == "attachment":
                continue
            if record.type != "post":
                kind = record.type or "untyped"
                self.report.skip(f"items of type “{kind}” (only posts become articles)", record.id)
                continue
            if record.status in SKIPPED_STATUSES:
                self.report.skip(SKIPPED_STATUSES[record.status], record.id)
                continue
            batch.append(record)
            if len(batch) >= self.BATCH:
                self._posts(batch)
                batch = []
        if batch:
            self._posts(batch)

    def _posts(self, items):
        # An export put together from several files may hold a post twice: the later wins.
        unique = {}
        for item in items:
            if item.id in unique:
                self.report.note("other", f"post {item.id} is in the export twice; the later kept")
            unique[item.id] = item
        items = list(unique.values())
        refs = self.refs(Kind.POST, [item.id for item in items])
        unknown = [item.guid for item in items if item.id not in refs and item.guid]
        by_guid = {}
        if unknown:
            for ref in ImportedObject.objects.filter(
                source=self.source, kind=Kind.POST, guid__in=unknown
            ):
                by_guid[ref.guid] = ref
        ids = [ref.object_id for ref in [*refs.values(), *by_guid.values()]]
        articles = Article.objects.select_related("section").in_bulk(ids)
        batch = _Batch()
        places = {item.id: self._place(item) for item in items}
        # Who has each wanted address already, in one query for the batch.
        wanted = {slug for _, _, slug in places.values()}
        batch.slugs = {
            (section_id, slug): pk
            for section_id, slug, pk in Article.objects.filter(slug__in=wanted).values_list(
                "section_id", "slug", "pk"
            )
        }
        # The batch's comments' import records, for the comments app, in one query.
        comment_ids = [comment.id for item in items for comment in item.comments if comment.id]
        self.comment_refs = self.refs(Kind.COMMENT, comment_ids) if comment_ids else {}
        for item in items:
            ref = refs.get(item.id) or by_guid.get(item.guid)
            if ref is not None and ref.updated_at >= self.started:
                self.report.note("other", f"post {item.id} is in the export twice; the later kept")
            article = articles.get(ref.object_id) if ref else None
            with self._naming(f"post {item.id}"):
                self._post(item, ref, article, places[item.id], batch)
        batch.write(self.report)

    def _place(self, item):
        """(section, tags from further categories, wanted slug) of a post."""
        section, tags = self._section_for_post(item)
        title = content.plain(item.title) or NO_TITLE
        wanted = slugify(unquote(item.name)) or slugify(title) or f"post-{item.id}"
        base = trim_slug(wanted, field_limit(Article, "slug") - 6)
        if base != wanted:
            self.report.note("long", f"post {item.id}: slug shortened to {base}")
        return section, tags, base

    def _post(self, item, ref, article, place, batch):
        where = f"post {item.id}"
        created = article is None
        if created:
            article = Article()
        else:
            batch.replaced.add(article.pk)
        status, published_at = self._status(item, where)
        section, tags, base = place
        tags = list(tags)

        lead = []
        title = content.plain(item.title) or NO_TITLE
        headline = title
        if len(title) > field_limit(Article, "headline"):
            headline = content.shorten(title, field_limit(Article, "headline"))
            lead.append(title)
            self.report.note(
                "long", f"{where}: title shortened; the full title is the body's first paragraph"
            )
        excerpt = content.plain(item.excerpt)
        standfirst = excerpt
        if len(excerpt) > field_limit(Article, "standfirst"):
            standfirst = content.shorten(excerpt, field_limit(Article, "standfirst"))
            lead.append(excerpt)
            self.report.note(
                "long",
                f"{where}: excerpt shortened for the standfirst; the full "
                "excerpt is a paragraph at the top of the body",
            )
        converted = self.converter.convert(item.content, lead)
        if not excerpt:
            standfirst = self._first_words(converted.body, len(lead))
            self.report.tallies["Standfirsts made from the first words (no excerpt)"] += 1
        self._note_conversion(converted, where)

        slug = self._post_slug(base, section, article, batch.slugs, where)
        article.headline = headline
        article.slug = slug
        article.standfirst = standfirst
        article.body = converted.body
        article.section = section
        imported = workflow.imported(
            article,
            status,
            published_at,
            note=f"Imported from WordPress: post {item.id} of {self.source}",
        )
        article.comments_enabled = item.comment_status != "closed"
        article.lead_image_id = self._lead_image(item, where)
        article.save()
        batch.slugs[section.pk, slug] = article.pk
        self.report.count("article", "created" if created else "updated")
        if item.sticky == "1":
            self.report.tallies["Sticky posts (pin them on the front page by hand)"] += 1

        # Dates as WordPress had them: created when written, updated when last changed.
        written = self.date(item.post_date_gmt, item.post_date)
        modified = self.date(item.post_modified_gmt, item.post_modified)
        article.created_at = written or article.created_at
        article.updated_at = None
        if (
            status == Article.Status.PUBLISHED
            and article.published_at
            and modified
            and modified - article.published_at >= timedelta(minutes=1)
        ):
            article.updated_at = modified
        batch.dated.append(article)

        author = self._author_for(item.creator)
        if author is not None:
            batch.bylines.append(Byline(article=article, author=author, position=0))
        for nicename, name in item.terms_of("post_tag"):
            tags.append(self.tags.get(nicename) or self._tag_named(content.plain(name)))
        for domain, _, _ in item.terms:
            if domain not in {"category", "post_tag"}:
                self.report.taxonomies[domain] += 1
        article_type = self.content_type(Article)
        for tag_id in dict.fromkeys(tag.pk for tag in tags if tag is not None):
            batch.tagged.append(
                TaggedItem(content_type=article_type, object_id=article.pk, tag_id=tag_id)
            )
        for after, image, _ in converted.placements:
            batch.figures.append(ArticleImage(article=article, image=image, after_paragraph=after))
        if created:
            batch.events.append(imported)
        for old_path in self._old_paths(item, article, where):
            batch.redirects[old_path] = article.pk

        details = {"link": item.link}
        if ref is None:
            batch.new_refs.append(
                ImportedObject(
                    source=self.source,
                    kind=Kind.POST,
                    key=item.id,
                    guid=item.guid[: field_limit(ImportedObject, "guid")],
                    content_type=article_type,
                    object_id=article.pk,
                    details=details,
                )
            )
        else:
            ref.object_id, ref.details, ref.updated_at = article.pk, details, timezone.now()
            ref.guid = item.guid[: field_limit(ImportedObject, "guid")]
            if ref.key != item.id:  # found by its GUID: the post's id changed
                ref.key = item.id
                ref.save()
            else:
                batch.changed_refs.append(ref)
        post_imported.send(sender=type(self), run=self, article=article, item=item, created=created)

    def _status(self, item, where):
        status = STATUSES.get(item.status)
        if status is None:
            self.report.note(
                "other", f"{where}: unknown status “{item.status}”; imported as a draft"
            )
            status = Article.Status.DRAFT
        if status == Article.Status.PUBLISHED and item.password:
            status = Article.Status.UNPUBLISHED
            self.report.note("private", f"{where}: {content.plain(item.title)}")
        if status not in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}:
            return status, None
        published_at = self.date(item.post_date_gmt, item.post_date)
        if published_at is None and item.pub_date:
            try:
                published_at = parsedate_to_datetime(item.pub_date)
            except (TypeError, ValueError, IndexError):
                published_at = None
            if published_at is not None and published_at.tzinfo is None:
                published_at = None
        if published_at is None:
            self.report.note("dates", f"{where}: no readable date; published at the time of import")
            published_at = timezone.now()
        return status, published_at

    def date(self, gmt, local):
        """post_date_gmt when WordPress recorded it (drafts have 0000-00-00), else the
        local time read in the newsroom's time zone."""
        for value, zone in ((gmt, UTC), (local, self.tz)):
            if not value or value.startswith("0000"):
                continue
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
        return None

    def _first_words(self, body, skip):
        words = " ".join(body_rules.paragraph_texts(body)[skip:]).split()
        text = " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
        return content.shorten(text, field_limit(Article, "standfirst"))

    def _post_slug(self, base, section, article, taken, where):
        """The wanted slug, unless another article in the section has it: then the
        first free "-2", "-3"… (the same every run: posts come in the file's order)."""
        holder = taken.get((section.pk, base))
        if holder is None or holder == article.pk:
            return base
        others = Article.objects.filter(section=section).exclude(pk=article.pk)
        used = set(
            others.filter(slug__regex=rf"^{re.escape(base)}-[0-9]+$").values_list("slug", flat=True)
        )
        used |= {
            slug
            for (section_id, slug), pk in taken.items()
            if section_id == section.pk and pk != article.pk
        }
        number = 2
        while f"{base}-{number}" in used:
            number += 1
        slug = f"{base}-{number}"
        self.report.note("slugs", f"{where}: /{section.path}/{slug}/ ({base} was taken)")
        return slug

    def _lead_image(self, item, where):
        thumbnail = item.meta.get("_thumbnail_id")
        if not thumbnail:
            return None
        pk = self.attachments.get(thumbnail)
        if pk is None:
            self.report.note("featured", f"{where}: attachment {thumbnail}")
        return pk

    def _old_paths(self, item, article, where):
        """The post's old address, if it had one of its own (a plain "/?p=123" is
        answered by the home page)."""
        parts = urlsplit(item.link)
        path = unquote(parts.path)
        if parts.query or not path.startswith("/") or path == "/":
            return []
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if not path.endswith("/") and not re.search(r"\.html?$", last):
            if "." in last:
                self.report.note("other", f"{where}: old address not redirected: {path}")
                return []
            # Django adds the missing slash before the address is looked up.
            path += "/"
        if len(path) > field_limit(ArticleRedirect, "old_path"):
            self.report.note("other", f"{where}: old address too long to redirect: {path}")
            return []
        if path.endswith(f"/{article.slug}/") and path == article.get_absolute_url():
            return []
        return [path]

    def _note_conversion(self, converted, where):
        report = self.report
        for name, number in converted.shortcodes.items():
            report.shortcode(name, number, where.removeprefix("post "))
        report.removed.update(converted.removed)
        report.dynamic_blocks.update(converted.dynamic_blocks)
        for figure in converted.missing:
            report.note("missing", f"{where}: {figure.src or '(no address)'}")
        if converted.embeds:
            report.tallies["Embedded players and frames kept as links"] += converted.embeds
        if converted.long_captions:
            report.note(
                "long",
                f"{where}: {converted.long_captions} caption(s) shortened under the "
                "picture; the full caption is the paragraph after it",
            )

    # --- Remembering what came from where ----------------------------------------

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def _ref(self, kind, key):
        return ImportedObject.objects.filter(source=self.source, kind=kind, key=key).first()

    def refs(self, kind, keys):
        rows = ImportedObject.objects.filter(source=self.source, kind=kind, key__in=keys)
        return {ref.key: ref for ref in rows}

    def _object(self, ref, model):
        """What an earlier run made, unless it has been deleted since."""
        if ref is None or ref.content_type_id != self.content_type(model).pk:
            return None
        return model.objects.filter(pk=ref.object_id).first()

    def _remember(self, ref, kind, key, obj, details=None):
        if ref is None:
            ref = ImportedObject(source=self.source, kind=kind, key=key)
        ref.content_type = self.content_type(type(obj))
        ref.object_id = obj.pk
        ref.details = details or {}
        ref.updated_at = timezone.now()
        ref.save()
        return ref

    def _save(self, obj, kind):
        created = obj.pk is None
        obj.save()
        self.report.count(kind, "created" if created else "updated")

    def _fit(self, value, model, name, where, kept):
        limit = field_limit(model, name)
        if len(value) <= limit:
            return value
        self.report.note(
            "long", f"{where}: {name.replace('_', ' ')} shortened; kept whole in the {kept}"
        )
        return content.shorten(value, limit)
