"""
Posts: each becomes an article with its byline, tags, pictures and old addresses,
a batch at a time (see batch.py).

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

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import TaggedItem

from .. import body as body_rules
from ..editorial import workflow
from ..models import Article, ArticleImage, ArticleRedirect, Byline, ImportedObject
from . import content, post_imported, wxr
from .batch import Batch
from .identity import Kind, field_limit, trim_slug

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
EXCERPT_WORDS = 55  # WordPress's own automatic excerpt
NO_TITLE = "(no title)"
DEFINITION_LISTS = "Definition lists (each term a paragraph in bold, its definitions under it)"
ALIGNED = "Pictures WordPress aligned left, right or centre (kept so)"


class Posts:
    """The importer's part that makes articles (see importer.Import)."""

    def _second_pass(self):
        batch, pages = [], []
        for record in self._records(2):
            if not isinstance(record, wxr.Item) or record.type == "attachment":
                continue
            if record.type == "page" and record.status not in SKIPPED_STATUSES:
                pages.append(record)
                continue
            if record.type not in {"post", "page"}:
                kind = record.type or "untyped"
                self.report.skip(
                    f"items of type “{kind}” (only posts and pages are imported)", record.id
                )
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
        self._pages(pages)

    def _posts(self, items):
        items = self._distinct(items)
        refs = self.refs(Kind.POST, [item.id for item in items])
        unknown = [item.guid for item in items if item.id not in refs]
        by_guid = self._refs_by_guid(unknown, {ref.pk for ref in refs.values()})
        ids = [ref.object_id for ref in [*refs.values(), *by_guid.values()] if ref is not None]
        articles = Article.objects.select_related("section").in_bulk(ids)
        batch = Batch()
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
            ref = refs.get(item.id)
            if ref is not None and ref.updated_at >= self.started:
                self.report.note("other", f"post {item.id} is in the export twice; the later kept")
            elif ref is None:
                ref = self._by_guid(by_guid, item)
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
        converted = self._words(item, article, where)

        article.slug = self._post_slug(base, section, article, batch.slugs, where)
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
        batch.slugs[section.pk, article.slug] = article.pk
        self.report.count("article", "created" if created else "updated")
        if item.sticky == "1":
            self.report.tallies["Sticky posts (pin them on the front page by hand)"] += 1
        self._dates(item, article, status)
        batch.dated.append(article)
        self._relations(item, article, list(tags), converted, batch)
        if created:
            batch.events.append(imported)
        for old_path in self._old_paths(item, article, where):
            batch.redirects[old_path] = article.pk
        self._remember_post(item, ref, article, batch)
        post_imported.send(sender=type(self), run=self, article=article, item=item, created=created)

    def _words(self, item, article, where):
        """Headline, standfirst and body; a title or excerpt too long for its field
        opens the body whole."""
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
        article.headline = headline
        article.standfirst = standfirst
        article.body = converted.body
        return converted

    def _dates(self, item, article, status):
        """Dates as WordPress had them: created when written, updated when last changed."""
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

    def _relations(self, item, article, tags, converted, batch):
        """Byline, tags and pictures, for the batch to write."""
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
        for after, image, figure in converted.placements:
            batch.figures.append(
                ArticleImage(
                    article=article, image=image, after_paragraph=after, alignment=figure.align
                )
            )
        self._blocks(item, article, converted, batch)

    def _remember_post(self, item, ref, article, batch):
        details = {"link": item.link}
        guid = item.guid[: field_limit(ImportedObject, "guid")]
        if ref is None:
            batch.new_refs.append(
                ImportedObject(
                    source=self.source,
                    kind=Kind.POST,
                    key=item.id,
                    guid=guid,
                    content_type=self.content_type(Article),
                    object_id=article.pk,
                    details=details,
                )
            )
            return
        ref.object_id, ref.details, ref.updated_at = article.pk, details, timezone.now()
        ref.guid = guid
        if ref.key != item.id:  # found by its GUID: the post's id changed
            ref.key = item.id
            ref.save()
        else:
            batch.changed_refs.append(ref)

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
        """WordPress's automatic excerpt: plain text (entities read, a space where a
        line, list item or cell ended), cut at 55 words."""
        blocks = body_rules.paragraphs(body)[skip:]
        words = " ".join(content.words_of(block) for block in blocks).split()
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
        if converted.definition_lists:
            report.tallies[DEFINITION_LISTS] += converted.definition_lists
        aligned = sum(1 for _, _, figure in converted.placements if figure.align)
        if aligned:
            report.tallies[ALIGNED] += aligned
        if converted.long_captions:
            report.note(
                "long",
                f"{where}: {converted.long_captions} caption(s) shortened under the "
                "picture; the full caption is the paragraph after it",
            )
