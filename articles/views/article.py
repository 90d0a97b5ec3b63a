"""The article page: the article with everything it shows, its previews (staff,
and share-preview links) and the addresses it used to have."""

import functools
import json

from django.conf import settings
from django.db.models import OuterRef
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView
from taggit.models import Tag

import pagecache
from core.prepared import Prepared
from core.queries import JSONRows, prefetched, prefill

from .. import embeds, likes, pagekeys, reader_body
from ..discovery import structured_data
from ..editorial import permissions, previews
from ..models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    ArticleNote,
    ArticleRedirect,
    Byline,
    Gallery,
    GalleryImage,
    LiveUpdate,
    PageRedirect,
    PageTree,
    RelatedLink,
    SectionTree,
)

RELATED_STORIES = 4
# The newest developing-story updates an article page shows (and polls for).
LIVE_UPDATES_SHOWN = 50


class MovedPermanently(Exception):
    def __init__(self, url):
        super().__init__(url)
        self.url = url


def _reader(request):
    """Whose like the page shows: the reader's identifier from their cookie, or
    None on a page every reader shares. The cookie is only read here, never set:
    a page view is not a like."""
    return None if getattr(request, "page_shared", False) else likes.reader_id(request)


def article_queryset(request):
    """The articles with what their page shows carried in their rows (tags,
    corrections, developing-story updates, placements and this reader's like);
    `unpack_rows` fetches the bylines. The body is stored rendered
    (articles/reader_body.py): of its images and related links the page needs only
    the ids it records as page-cache keys, carried in the row too."""
    return _article_rows().annotate(reader_likes=likes.liked_by(_reader(request)))


def _at_address(section_id, slug, *reader):
    """The article at an address, as the page shows it; with a reader's id, with
    whether they like it."""
    liked = likes.liked_by(reader[0] if reader else None)
    return _article_rows().annotate(reader_likes=liked).filter(section_id=section_id, slug=slug)[:1]


# The article page's query is the same for every request but for these values:
# compiled once per process (core/prepared.py).
_for_anyone = Prepared(_at_address, int, str)
_for_reader = Prepared(_at_address, int, str, str)


def article_at(request, section_id, slug):
    """The article at this address with everything its page shows, or None: two
    queries, the article's row and its bylines."""
    reader = _reader(request)
    found = _for_reader(section_id, slug, reader) if reader else _for_anyone(section_id, slug)
    return unpack_rows(found[0]) if found else None


@functools.cache
def _article_rows():
    """The part of `article_queryset` that is the same for every request, built
    once per process: building its seven subqueries cost more than running them.
    Only ever cloned (filtered, annotated), never evaluated itself."""
    tags = Tag.objects.filter(article=OuterRef("pk")).order_by("name")
    return Article.objects.select_related("section", "lead_image").annotate(
        tag_rows=JSONRows(tags, ["id", "name", "slug"]),
        note_rows=JSONRows(
            ArticleNote.objects.filter(article=OuterRef("pk")),
            ["id", "article", "kind", "text", "created_at"],
        ),
        embed_rows=JSONRows(
            ArticleEmbed.objects.filter(article=OuterRef("pk")),
            ["id", "article", "url", "title", "after_paragraph"],
        ),
        gallery_rows=JSONRows(
            ArticleGallery.objects.filter(article=OuterRef("pk")),
            ["id", "article", "gallery", "after_paragraph"],
        ),
        figure_rows=JSONRows(
            ArticleImage.objects.filter(article=OuterRef("pk")), ["id", "article", "image"]
        ),
        link_rows=JSONRows(
            RelatedLink.objects.filter(article=OuterRef("pk")),
            ["target", "teaser_image", "target__section", "target__lead_image"],
        ),
        live_rows=JSONRows(
            LiveUpdate.objects.filter(article=OuterRef("pk"), article__is_developing=True)[
                :LIVE_UPDATES_SHOWN
            ],
            ["id", "article", "text", "created_at"],
        ),
    )


_bylines = Prepared(
    lambda article_id: Byline.objects.select_related("author__photo").filter(article_id=article_id),
    int,
)


def unpack_rows(article):
    """Turn the lists carried in the article's row into its related managers'
    results, and fetch its bylines (with their authors and photos)."""
    prefetched(article, "bylines", _bylines(article.pk))
    prefill(article, "tags", Tag, article.tag_rows)
    prefill(article, "notes", ArticleNote, article.note_rows)
    prefill(article, "live_updates", LiveUpdate, article.live_rows)
    prefill(article, "embeds", ArticleEmbed, article.embed_rows)
    prefill(article, "figures", ArticleImage, article.figure_rows)
    article.link_keys = json.loads(article.link_rows or "[]")
    placed = prefill(article, "galleries", ArticleGallery, article.gallery_rows)
    if placed:
        # The galleries and their pictures: two queries, only for an article with any.
        ids = {placement.gallery_id for placement in placed}
        galleries = Gallery.objects.in_bulk(ids)
        items = list(GalleryImage.objects.filter(gallery_id__in=ids).select_related("image"))
        for placement in placed:
            placement.gallery = galleries[placement.gallery_id]
            placement.pictures = [item for item in items if item.gallery_id == placement.gallery_id]
    return article


def moved_to(request):
    """The current address of the article that once lived at this request's path,
    if this person may see it; else None."""
    moved = (
        ArticleRedirect.objects.select_related("article__section")
        .filter(old_path=request.path)
        .first()
    )
    if moved is None:
        return None
    if moved.article.is_public or permissions.can_view(request.user, moved.article):
        return moved.article.get_absolute_url()
    return None


def page_moved_to(request):
    """The current address of the page that once lived at this path (a moved page,
    or an imported WordPress page's old permalink), if it is public."""
    moved = PageRedirect.objects.select_related("page").filter(old_path=request.path).first()
    if moved is None or not PageTree.load().is_public(moved.page.path):
        return None
    return moved.page.get_absolute_url()


class ArticleView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    shared_preview = False

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except MovedPermanently as moved:
            return HttpResponsePermanentRedirect(moved.url)

    def get_object(self, queryset=None):
        tree = SectionTree.load()
        section = tree.by_path.get(self.kwargs["section_path"])
        article = None
        if section is not None:
            article = article_at(self.request, section.pk, self.kwargs["slug"])
        if article is None:
            # An address the article had before its slug or section changed.
            target = moved_to(self.request) or page_moved_to(self.request)
            if target is not None:
                raise MovedPermanently(target)
            raise Http404("No such article.")
        # Drafts, articles in review and scheduled ones do not exist for readers.
        if not article.is_public and not permissions.can_view(self.request.user, article):
            raise Http404("No such article.")
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        breadcrumbs = SectionTree.load().ancestors(article.section_id)
        # Check Also and the related stories come from one ranking, in one query;
        # both leave out what the body already links to (even the editor's pick:
        # a reader who has just passed it in the text is offered something new).
        body, linked = reader_body.for_reader(article)
        linked = set(linked)
        ranked = article.check_also_candidates(RELATED_STORIES + 1 + len(linked))
        related = [a for a in ranked if a.pk not in linked][: RELATED_STORIES + 1]
        pagekeys.show_article_page(article, breadcrumbs, related)
        return super().get_context_data(
            breadcrumbs=breadcrumbs,
            current_root_id=breadcrumbs[0].pk,
            body=body,
            authors=article.ordered_authors,
            notes=article.notes.all(),
            live_updates=article.live_updates.all() if article.is_developing else [],
            live_update_seconds=settings.NEWSROOM_LIVE_UPDATE_SECONDS,
            check_also=related[0] if related else None,
            related_stories=related[1:],
            preview=not article.is_public,
            shared_preview=self.shared_preview,
            liked=article.reader_likes,
            json_ld=structured_data.news_article(self.request, article, breadcrumbs),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The strict policy opens only for this page's own embeds, each provider's
        # frame alone (articles/embeds.py); pages without one keep it as it is.
        found = [placement.embed for placement in self.object.embeds.all()]
        policy = embeds.content_security_policy(settings.SECURE_CSP, [e for e in found if e])
        if policy is not settings.SECURE_CSP:
            response._csp_config = policy
        if context["preview"]:
            # A draft must never be stored by a shared cache or the browser, nor indexed.
            pagecache.private(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PreviewView(ArticleView):
    """A share-preview link: one unpublished article for whoever holds the link."""

    shared_preview = True

    def get_object(self, queryset=None):
        article = previews.resolve(self.kwargs["token"])
        if article is None:
            raise Http404("This preview link has expired or was revoked.")
        if article.is_public:
            raise MovedPermanently(article.get_absolute_url())
        return unpack_rows(article_queryset(self.request).get(pk=article.pk))

    def render_to_response(self, context, **response_kwargs):
        context["preview"] = True
        return super().render_to_response(context, **response_kwargs)


def old_address(request, old_path):
    """An address no page answers but an article once had (an imported WordPress
    permalink such as /some-post/): a 301 to the article, else the usual 404."""
    target = moved_to(request) or page_moved_to(request)
    if target is None:
        raise Http404("No such page.")
    return HttpResponsePermanentRedirect(target)
