"""Embed previews: the provider's title, author and a locally stored thumbnail for
the placeholder readers see before they load an embed (articles/models/previews.py).

Saving an embed schedules `fetch` for its address in the background task queue
(articles/tasks.py), once the save has committed; an address already fetched is
not asked again. `fetch` never raises for the provider's sake: a network failure,
a refusal or a bad picture leaves the text placeholder and says why on the
preview (*Articles › Embed previews*, whose "Fetch again" action and the
`fetch_embed_previews` command try again). A stored preview re-renders the bodies
that show the address and purges their pages (articles/reader_body.py,
articles/purging.py).
"""

import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from . import blocks, embeds, oembed
from .models import ArticleEmbed, EmbedPreview, Page

logger = logging.getLogger(__name__)


def schedule(url):
    """Have `url`'s preview fetched once the current transaction commits."""
    from .tasks import fetch_embed_preview  # the task's module imports this one

    transaction.on_commit(partial(fetch_embed_preview.enqueue, url), robust=True)


DONE = (EmbedPreview.Status.FETCHED, EmbedPreview.Status.NONE)


def schedule_missing(urls):
    """Fetch the previews of these addresses that are not there yet (a failed one
    is tried again). Called for embeds saved one by one and for imported ones."""
    if not urls:
        return
    urls = set(urls) - set(
        EmbedPreview.objects.filter(url__in=urls, status__in=DONE).values_list("url", flat=True)
    )
    known = set(EmbedPreview.objects.filter(url__in=urls).values_list("url", flat=True))
    EmbedPreview.objects.bulk_create(
        [EmbedPreview(url=url) for url in urls - known], ignore_conflicts=True
    )
    for url in sorted(urls):
        schedule(url)


def embed_saved(sender, instance, raw=False, **kwargs):
    """An embed saved: fetch its address's preview unless it is there already."""
    if not raw and instance.url:
        schedule_missing({instance.url})


def embedded_in(markup):
    """The embedded addresses of a body's blocks (a page's: pages keep no embed rows)."""
    return {ref.attrs["url"] for ref in blocks.refs(markup) if ref.kind == "embed"}


def page_saved(sender, instance, raw=False, **kwargs):
    """A page saved: fetch the previews of the embeds in its body."""
    if not raw and "data-block" in (instance.body or ""):
        schedule_missing(embedded_in(instance.body))


def fetch(url):
    """Ask the provider about `url` and store what it says (or why it said nothing)."""
    preview, _ = EmbedPreview.objects.get_or_create(url=url)
    embed = embeds.resolve(url)
    preview.fetched_at = timezone.now()
    if embed is None or embed.slug not in oembed.ENDPOINTS:
        name = embed.provider if embed else "This address"
        preview.status = EmbedPreview.Status.NONE
        preview.problem = (
            f"{name} offers no public preview (oEmbed): readers see the title you gave "
            "and the provider's name."
        )
        preview.save()
        return preview
    try:
        found = oembed.ask(embed.slug, url)
        picture = oembed.thumbnail(found["thumbnail_url"]) if found["thumbnail_url"] else None
    except oembed.Unavailable as failure:
        logger.info("No preview for %s: %s", url, failure)
        preview.status, preview.problem = EmbedPreview.Status.FAILED, str(failure)
        preview.save()
        return preview
    _store(preview, found, picture)
    return preview


def _store(preview, found, picture):
    old = preview.thumbnail.name if preview.thumbnail else None
    preview.title, preview.author = found["title"], found["author"]
    preview.status, preview.problem = EmbedPreview.Status.FETCHED, ""
    if picture is not None:
        preview.thumbnail.save("embed.jpg", ContentFile(picture), save=False)
    else:
        preview.thumbnail = None
    preview.save()
    if old and old != preview.thumbnail.name:
        storage = preview.thumbnail.storage
        transaction.on_commit(partial(storage.delete, old), robust=True)


def addresses_to_fetch(again=False):
    """The embedded addresses with no preview yet (`again`: every one)."""
    urls = set(ArticleEmbed.objects.values_list("url", flat=True).distinct())
    for body in Page.objects.filter(body__contains='data-block="embed"').values_list(
        "body", flat=True
    ):
        urls |= embedded_in(body)
    if not again:
        done = EmbedPreview.objects.filter(status__in=DONE)
        urls -= set(done.values_list("url", flat=True))
    return sorted(urls)


def connect():
    """Wire the receivers (ArticlesConfig.ready)."""
    post_save.connect(embed_saved, sender=ArticleEmbed, dispatch_uid="previews:embed")
    post_save.connect(page_saved, sender=Page, dispatch_uid="previews:page")
