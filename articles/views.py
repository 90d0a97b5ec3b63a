from django.conf import settings
from django.contrib import messages
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from . import likes, previews, structured_data, workflow
from .models import (
    Article,
    ArticleImage,
    ArticleNote,
    ArticleRedirect,
    Author,
    Byline,
    SectionTree,
    public_related_links,
)
from .pagination import paginate

HOME_TOP_STORIES = 6
HOME_PER_SECTION = 4


class PublishedListMixin:
    """A listing of public articles, newest first, paginated with ?page=N (no COUNT)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.articles().for_cards().order_by("-published_at", "-pk")

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return None, page, page.object_list, page.has_other_pages


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = SectionTree.load()
        public = Article.objects.published()
        top = list(public.for_cards().order_by("-published_at", "-pk")[: HOME_TOP_STORIES + 1])
        # The latest few of every section in one query: number each section's
        # articles by date and keep the first rows of each.
        latest = (
            public.exclude(pk__in=[article.pk for article in top])
            .annotate(
                row=Window(
                    RowNumber(),
                    partition_by=[F("section")],
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(row__lte=HOME_PER_SECTION)
            .for_cards()
        )
        by_root = {}
        for article in latest:
            root = tree.root_of(article.section_id)
            by_root.setdefault(root.pk, []).append(article)
        sections = []
        for root in tree.top_level:
            articles = sorted(
                by_root.get(root.pk, []), key=lambda a: (a.published_at, a.pk), reverse=True
            )[:HOME_PER_SECTION]
            if articles:
                sections.append({"section": root, "articles": articles})
        context.update(lead=top[0] if top else None, top_stories=top[1:], section_blocks=sections)
        return context


class SectionView(PublishedListMixin, ListView):
    def dispatch(self, request, *args, **kwargs):
        self.tree = SectionTree.load()
        self.section = self.tree.by_path.get(kwargs["path"])
        if self.section is None:
            raise Http404("No such section.")
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().in_section_tree(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name,
            description=self.section.description,
            section=self.section,
            breadcrumbs=self.tree.ancestors(self.section.pk)[:-1],
            subsections=self.tree.children.get(self.section.pk, []),
            current_root_id=self.tree.root_of(self.section.pk).pk,
            **kwargs,
        )


class TagView(PublishedListMixin, ListView):
    def dispatch(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.tag.name, kind="Tag", tag=self.tag, **kwargs)


class AuthorView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.author.name, author=self.author, **kwargs)


class MovedPermanently(Exception):
    def __init__(self, url):
        super().__init__(url)
        self.url = url


def article_queryset(request):
    """An article with everything its page shows, in a fixed number of queries."""
    return (
        Article.objects.select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author__photo")),
            "tags",
            Prefetch("figures", queryset=ArticleImage.objects.select_related("image")),
            Prefetch("related_links", queryset=public_related_links()),
            "notes",
        )
        # Whether this reader likes it comes with the article, not as a query of
        # its own. The cookie is only read here, never set: a page view is not a like.
        .annotate(reader_likes=likes.liked_by(likes.reader_id(request)))
    )


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
        if article is None:
            # An address the article had before its slug or section changed.
            moved = (
                ArticleRedirect.objects.select_related("article__section")
                .filter(old_path=self.request.path)
                .first()
            )
            if moved is not None and (
                moved.article.is_public or workflow.can_view(self.request.user, moved.article)
            ):
                raise MovedPermanently(moved.article.get_absolute_url())
            raise Http404("No such article.")
        # Drafts, articles in review and scheduled ones do not exist for readers.
        if not article.is_public and not workflow.can_view(self.request.user, article):
            raise Http404("No such article.")
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        breadcrumbs = SectionTree.load().ancestors(article.section_id)
        return super().get_context_data(
            breadcrumbs=breadcrumbs,
            current_root_id=breadcrumbs[0].pk,
            blocks=article.body_blocks(),
            authors=article.ordered_authors,
            notes=article.notes.all(),
            live_updates=list(article.live_updates.all()[:50]) if article.is_developing else [],
            live_update_seconds=settings.NEWSROOM_LIVE_UPDATE_SECONDS,
            check_also=article.check_also_candidates()
            .select_related("section", "lead_image")
            .first(),
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
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
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
        return article_queryset(self.request).get(pk=article.pk)

    def render_to_response(self, context, **response_kwargs):
        context["preview"] = True
        return super().render_to_response(context, **response_kwargs)


def live_updates(request, pk):
    """The developing-story updates of a public article, for the page's light polling."""
    article = get_object_or_404(Article.objects.published(), pk=pk, is_developing=True)
    response = render(
        request,
        "articles/includes/live_updates.html",
        {"live_updates": article.live_updates.all()[:50]},
    )
    patch_cache_control(response, public=True, max_age=10)
    return response


class CorrectionsView(ListView):
    """Every correction and update on public articles, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "notes"

    def get_queryset(self):
        return (
            ArticleNote.objects.filter(article__in=Article.objects.published().values("pk"))
            .select_related("article__section")
            .order_by("-created_at", "-pk")
        )

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE * 2

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return None, page, page.object_list, page.has_other_pages


@require_POST
def like(request, pk):
    """A reader likes an article, or takes the like back (form field `action`).

    A plain form post is redirected back to the article with a message; the
    page's script asks for JSON and updates the button and count in place.
    """
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    action = request.POST.get("action")
    if action not in {"like", "unlike"}:
        return HttpResponseBadRequest("The action must be “like” or “unlike”.")
    reader = likes.reader_id(request) or likes.new_reader_id()
    liked = action == "like"
    if liked:
        likes.like(article, reader)
    else:
        likes.unlike(article, reader)
    if wants_json(request):
        label = render_to_string("includes/likes.html#count", {"article": article})
        response = JsonResponse(
            {"liked": liked, "count": article.like_count, "label": " ".join(label.split())}
        )
    else:
        messages.success(
            request, "You like this article." if liked else "You no longer like this article."
        )
        response = redirect(article.get_absolute_url() + "#likes")
    likes.remember_reader(request, response, reader)
    return response


def wants_json(request):
    """The page's script asks for JSON; a browser's own form post prefers HTML."""
    return (
        "X-Requested-With" in request.headers
        or request.get_preferred_type(["text/html", "application/json"]) == "application/json"
    )
