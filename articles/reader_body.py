"""The body as readers see it, rendered when it changes rather than on every view.

An article page used to compose its body on every request: sanitise and split the
prose, fetch the images and related stories placed in it (two queries and a few
dozen model instances) and render a template per figure and teaser. All of that
depends only on things editors change, so it is rendered once, stored on the
article's row (`Article.reader_body`) and rendered again when anything it shows
changes: the article's own save (which also derives its placement rows from the
blocks in its body, articles/placed.py), a library image's caption, credit, crop
or renditions, a gallery's pictures, a linked article's headline, address,
picture or publication (the receivers in `connect`).

The one thing that changes with no save is time: a related story whose article is
scheduled, or set to unpublish, appears and disappears on its own. Such a teaser is
stored as a piece with its article's publication window, and `for_reader` shows it
only inside that window: the time half of `Article.objects.published()`, whose
status half is settled at render time (any status change is a save, which renders
the linking articles again).

A row with no stored body (bulk-written by the generator or an import, or stored
by an older FORMAT) is rendered on its first view and stored then.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe

from images.models import CaptionedImage
from images.signals import renditions_made

from . import fragments, placed
from .models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    EmbedPreview,
    Gallery,
    GalleryImage,
    RelatedLink,
    Section,
)

# Bumped when the stored HTML's shape changes: older rows are rendered again when read.
FORMAT = 3
# A change showing in more articles than this marks them for rendering on their
# next view instead of rendering them all inside the editor's save.
RENDER_AT_ONCE = 25


def render(article):
    """The stored form of `article`'s body: its pieces as HTML, with each related
    story of ours a piece of its own that carries the story's publication window.
    A query for each kind of thing its blocks show (images, articles, galleries and
    their pictures, the embeds' previews); none for a body without blocks."""
    pieces, run = [], []
    for block in placed.pieces(article.body):
        if block.kind == "html":
            run.append(block.html)
        elif block.kind in DRAWN_BY:
            name, template = DRAWN_BY[block.kind]
            if block.kind == "figure":
                context = {name: block.item.image, "alignment": block.item.alignment}
                run.append(fragments.render(template, context))
            else:
                run.append(render_to_string(template, {name: block.item}))
        elif block.item.target_id is None:
            run.append(render_to_string("includes/related.html", {"link": block.item}))
        elif block.item.target.status == Article.Status.PUBLISHED:
            target = block.item.target
            if run:
                pieces.append("\n".join(run))
                run = []
            pieces.append(
                {
                    "html": render_to_string("includes/related.html", {"link": block.item}),
                    "target": target.pk,
                    "from": _stamp(target.published_at),
                    "until": _stamp(target.unpublish_at),
                }
            )
        # A related story of ours that is not published shows nothing, not even its
        # headline; publishing it saves it, which renders this body again.
    if run:
        pieces.append("\n".join(run))
    return {"v": FORMAT, "pieces": pieces}


# The figure is a Jinja2 fragment (the article page draws its lead picture with
# it too); galleries and embeds are Django templates.
DRAWN_BY = {
    "figure": ("image", "includes/figure.html"),
    "gallery": ("placement", "includes/gallery.html"),
    "embed": ("placement", "includes/embed.html"),
}


def _stamp(moment):
    return moment.isoformat() if moment else None


def store(article_ids):
    """Render and store the bodies of these articles."""
    for article in Article.objects.filter(pk__in=list(article_ids)).only("pk", "body"):
        Article.objects.filter(pk=article.pk).update(reader_body=render(article))


def refresh(article_ids):
    """These articles show something that changed: render them now when they are few,
    else mark them to be rendered on their next view."""
    ids = set(article_ids)
    if not ids:
        return
    if len(ids) <= RENDER_AT_ONCE:
        store(ids)
    else:
        Article.objects.filter(pk__in=list(ids)).update(reader_body=None)


def for_reader(article, now=None):
    """(HTML, ids of our articles it links to) of `article`'s body at `now`: the
    stored form, rendered and stored first if the row has none (or an old one)."""
    stored = article.reader_body
    if not stored or stored.get("v") != FORMAT:
        stored = render(article)
        Article.objects.filter(pk=article.pk).update(reader_body=stored)
        article.reader_body = stored
    return _assemble(stored, now)


def for_page(page, now=None):
    """(HTML, ids of our articles it links to) of a page's body (About, Contact…):
    drawn by the same renderer as an article's, on each view (pages are few, and
    the page cache keeps their views; articles/page_body.py says what it shows)."""
    return _assemble(render(page), now)


def _assemble(stored, now=None):
    now = now or timezone.now()
    parts, linked = [], []
    for piece in stored["pieces"]:
        if isinstance(piece, str):
            parts.append(piece)
        elif _shown(piece, now):
            parts.append(piece["html"])
            linked.append(piece["target"])
    # Sanitised prose (body.sanitize) and autoescaped templates, stored by render().
    return mark_safe("\n".join(parts)), linked  # noqa: S308


def _shown(piece, now):
    start, end = parse_datetime(piece["from"] or ""), parse_datetime(piece["until"] or "")
    return start is not None and start <= now and (end is None or end > now)


# Receivers: what a stored body shows, and who shows it.


def article_adding(sender, instance, raw=False, **kwargs):
    """A new article's body goes in with its first INSERT: an import of thousands
    of articles without blocks pays no query for it."""
    if not raw and instance._state.adding:
        instance.reader_body = render(instance)


def article_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is None or "body" in update_fields:
        placed.sync(instance)
        if not created:
            Article.objects.filter(pk=instance.pk).update(reader_body=render(instance))
    if created:
        return  # nothing links to a new article yet
    # Its headline, address, picture or publication shows in the teasers that link to it.
    refresh(RelatedLink.objects.filter(target_id=instance.pk).values_list("article_id", flat=True))


def image_changed(sender, instance=None, raw=False, image=None, **kwargs):
    image = image or instance
    if raw or image is None:
        return
    shown_by = Q(figures__image_id=image.pk) | Q(related_links__teaser_image_id=image.pk)
    shown_by |= Q(related_links__target__lead_image_id=image.pk)
    shown_by |= Q(galleries__gallery__items__image_id=image.pk)
    refresh(Article.objects.filter(shown_by).values_list("pk", flat=True).distinct())


def gallery_changed(sender, instance, raw=False, **kwargs):
    """A gallery's title or pictures show in every article that places it."""
    if not raw:
        gallery_id = instance.pk if sender is Gallery else instance.gallery_id
        placed_in = ArticleGallery.objects.filter(gallery_id=gallery_id)
        refresh(placed_in.values_list("article_id", flat=True).distinct())


def preview_changed(sender, instance, raw=False, **kwargs):
    """An embed's preview (title, thumbnail) shows in every body that embeds it."""
    if not raw:
        refresh(ArticleEmbed.objects.filter(url=instance.url).values_list("article_id", flat=True))


def section_changed(sender, instance, raw=False, **kwargs):
    """A section's address is in every teaser linking to an article under it."""
    if raw:
        return
    under = Q(section_id=instance.pk) | Q(section__path__startswith=f"{instance.path}/")
    targets = Article.objects.filter(under).values("pk")
    refresh(
        RelatedLink.objects.filter(target_id__in=targets)
        .values_list("article_id", flat=True)
        .distinct()
    )


def connect():
    """Wire the receivers (ArticlesConfig.ready)."""
    pre_save.connect(article_adding, sender=Article, dispatch_uid="reader-body:new-article")
    post_save.connect(article_saved, sender=Article, dispatch_uid="reader-body:article")
    post_save.connect(image_changed, sender=CaptionedImage, dispatch_uid="reader-body:image")
    renditions_made.connect(image_changed, dispatch_uid="reader-body:renditions")
    for model in (Gallery, GalleryImage):
        post_save.connect(gallery_changed, sender=model, dispatch_uid=f"reader-body:{model}")
        post_delete.connect(gallery_changed, sender=model, dispatch_uid=f"reader-body-:{model}")
    post_save.connect(preview_changed, sender=EmbedPreview, dispatch_uid="reader-body:preview")
    post_save.connect(section_changed, sender=Section, dispatch_uid="reader-body:section")
