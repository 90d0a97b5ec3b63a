"""The article page: the article with everything it shows, its previews (staff,
and share-preview links), the addresses it used to have, and `render_article`,
the one way another app draws the page (comments: the form with its errors)."""

from django.conf import settings
from django.db.models import OuterRef, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView
from taggit.models import Tag

import pagecache
from core.queries import JSONRows, prefill

from .. import likes
from ..discovery import structured_data
from ..editorial import permissions, previews
from ..models import (
    Article,
    ArticleImage,
    ArticleNote,
    ArticleRedirect,
    Byline,
    LiveUpdate,
    SectionTree,
    public_related_links,
)

RELATED_STORIES = 4
# The newest developing-story updates an article page shows (and polls for).
LIVE_UPDATES_SHOWN = 50


class MovedPermanently(Exception):
    def __init__(self, url):
        super().__init__(url)
        self.url = url


def article_queryset(request):
    """An article with everything its page shows, in a fixed number of queries:
    the article (with its tags, corrections, developing-story updates and this
    reader's like carried in its row), bylines, body images, related links."""
    tags = Tag.objects.filter(article=OuterRef("pk")).order_by("name")
    return (
        Article.objects.select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author__photo")),
            Prefetch("figures", queryset=ArticleImage.objects.select_related("image")),
            Prefetch("related_links", queryset=public_related_links()),
        )
        .annotate(
            tag_rows=JSONRows(tags, ["id", "name", "slug"]),
            note_rows=JSONRows(
                ArticleNote.objects.filter(article=OuterRef("pk")),
                ["id", "article", "kind", "text", "created_at"],
            ),
            live_rows=JSONRows(
                LiveUpdate.objects.filter(article=OuterRef("pk"), article__is_developing=True)[
                    :LIVE_UPDATES_SHOWN
                ],
                ["id", "article", "text", "created_at"],
            ),
            # Whether this reader likes it. The cookie is only read here, never
            # set: a page view is not a like.
            reader_likes=likes.liked_by(
                None if getattr(request, "page_shared", False) else likes.reader_id(request)
            ),
        )
    )


def unpack_rows(article):
    """Turn the lists carried in the article's row into its related managers' results."""
    prefill(article, "tags", Tag, article.tag_rows)
    prefill(article, "notes", ArticleNote, article.note_rows)
    prefill(article, "live_updates", LiveUpdate, article.live_rows)
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
            article = (
                article_queryset(self.request)
                .filter(section_id=section.pk, slug=self.kwargs["slug"])
                .first()
            )
            if article is not None:
                unpack_rows(article)
        if article is None:
            # An address the article had before its slug or section changed.
            target = moved_to(self.request)
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
        # the related stories leave out what the body already links to.
        linked = {link.target_id for link in article.related_links.all() if link.target_id}
        ranked = list(
            article.check_also_candidates()
            .select_related("section", "lead_image")
            .defer("body")[: RELATED_STORIES + 1 + len(linked)]
        )
        related = ranked[:1] + [a for a in ranked[1:] if a.pk not in linked][:RELATED_STORIES]
        return super().get_context_data(
            breadcrumbs=breadcrumbs,
            current_root_id=breadcrumbs[0].pk,
            blocks=article.body_blocks(),
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
    target = moved_to(request)
    if target is None:
        raise Http404("No such page.")
    return HttpResponsePermanentRedirect(target)


def render_article(request, article, *, status=200, **context):
    """The page of a public `article` as `request` sees it, with `context` added
    for the template (the comments app draws it again with the reader's form and
    its errors). The one way another app renders the article page."""
    view = ArticleView()
    view.setup(request, section_path=article.section.path, slug=article.slug)
    view.object = view.get_object()
    response = view.render_to_response(view.get_context_data(object=view.object, **context))
    response.status_code = status
    return response
