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

The importer's parts, each a module: terms.py (authors, sections, tags), media.py
(library images), posts.py (articles, a batch at a time: batch.py), pages.py
(pages, with their hierarchy), identity.py (the
import record), report.py (the summary).
"""

from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

import pagecache
from images import library as images
from images.models import CaptionedImage

from ..models import ImportedObject
from . import content, wxr
from .blocks import Blocks
from .identity import Records, field_limit
from .media import Pictures
from .pages import Pages
from .posts import Posts
from .report import Report
from .terms import Terms


class Failed(Exception):
    """Something in the export could not be imported (the run is rolled back)."""


class Import(Posts, Pages, Blocks, Pictures, Terms, Records):
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
        self.attached_to = {}  # post id → its attachments' ids, for a bare [gallery]
        self.content_types = {}
        self.comment_refs = {}  # comment id → ImportedObject, for the batch of posts
        self.started = timezone.now()

    def run(self):
        """Import the whole file in one transaction; returns the Report."""
        try:
            with transaction.atomic():
                # An import touches sections, tags, authors and articles all over
                # the site (rows written in bulk send no signals): every page is
                # stale once it commits, and no row needs to work out its own.
                pagecache.purge(pagecache.SITE)
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
        """The export's site: its identity for re-imports, and the address relative
        picture addresses start from. An export whose channel names no address
        (WordPress imports those too) is the site of its first post's address, else
        the export itself by its title (or file name)."""
        self.report.site = site
        self.source = site.source
        self.base_url = (site.base_blog_url or site.link or site.base_site_url).rstrip("/")
        if not self.source:
            self.base_url = self.export.first_address()
            title = (content.plain(site.title) or self.export.path.name)[:100]
            self.source = self.base_url.lower() or f"export:{title}"
            self.report.note(
                "other",
                "the export names no site (no link, wp:base_site_url or wp:base_blog_url): "
                f"imported as {self.source}, which a new run of it finds again",
            )
        self.report.source = self.source
        if len(self.source) > field_limit(ImportedObject, "source"):
            raise wxr.Malformed(f"the site's address is too long to remember: {self.source}")
        self.converter.base_url = self.base_url
