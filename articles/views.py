from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import OuterRef, Prefetch
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

import pagecache
from core import ratelimit
from core.csrf import csrf_passes
from core.http import wants_json
from core.pagination import paginate
from core.queries import JSONRows, prefill

from . import feeds, frontpage, likes, previews, search, structured_data, tags
from . import reader as reader_parts
from .editorial import permissions
from .models import (
    Article,
    ArticleImage,
    ArticleNote,
    ArticleRedirect,
    Author,
    Byline,
    LiveUpdate,
    SectionTree,
    public_related_links,
)
from .wordpress import addresses as wordpress_addresses

RELATED_STORIES = 4
# The newest developing-story updates an article page shows (and polls for).
LIVE_UPDATES_SHOWN = 50


class PublishedListMixin:
    """A listing of public articles, newest first, paginated with ?page=N (no COUNT)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.articles().for_cards().defer("body").order_by("-published_at", "-pk")

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return None, page, page.object_list, page.has_other_pages


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        # /?p=123 is a WordPress address: an imported post answers it with a 301.
        if "p" in request.GET:
            article = wordpress_addresses.article_for_query(request)
            if article is not None:
                return HttpResponsePermanentRedirect(article.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        front = frontpage.compose(SectionTree.load())
        most_liked, most_discussed = frontpage.popular()
        return super().get_context_data(
            lead=front.lead,
            top_stories=front.top_stories,
            section_blocks=front.section_blocks,
            most_liked=most_liked,
            most_discussed=most_discussed,
            feeds=feeds.alternates("site"),
            json_ld=structured_data.home_page(self.request),
            **kwargs,
        )


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
            feeds=feeds.alternates("section", self.section.path, self.section.name),
            json_ld=structured_data.section_page(
                self.request, self.section, self.tree.ancestors(self.section.pk)
            ),
            **kwargs,
        )


class TagView(PublishedListMixin, ListView):
    def dispatch(self, request, *args, **kwargs):
        self.tag = tags.public_tag(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.tag.name,
            kind="Tag",
            tag=self.tag,
            feeds=feeds.alternates("tag", self.tag.slug, self.tag.name),
            json_ld=structured_data.tag_page(self.request, self.tag),
            **kwargs,
        )


class AuthorView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.author.name,
            author=self.author,
            feeds=feeds.alternates("author", self.author.slug, self.author.name),
            json_ld=structured_data.author_page(self.request, self.author),
            **kwargs,
        )


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


def reader_state(request, pk):
    """This reader's part of a cached article page (see articles/reader.py)."""
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    response = JsonResponse(reader_parts.state(request, article))
    patch_cache_control(response, private=True, no_store=True)
    return response


def live_updates(request, pk):
    """The developing-story updates of a public article, for the page's light polling."""
    article = get_object_or_404(Article.objects.published(), pk=pk, is_developing=True)
    response = render(
        request,
        "articles/includes/live_updates.html",
        {"live_updates": article.live_updates.all()[:LIVE_UPDATES_SHOWN]},
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


# Article pages are cached and shared, so their like form has no CSRF token until
# the page's script fills it in. A post without one (no JavaScript) is answered
# with a one-button confirmation page instead of a bare 403; nothing changes
# until the reader confirms, so a forged post changes nothing either.
@csrf_exempt
@require_POST
def like(request, pk):
    """A reader likes an article, or takes the like back (form field `action`).

    A plain form post is redirected back to the article with a message; the
    page's script asks for JSON and updates the button and count in place.
    """
    retry_after = ratelimit.exceeded(request, "like")
    if retry_after is not None:
        if wants_json(request):
            response = JsonResponse({"error": ratelimit.MESSAGE}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return ratelimit.too_many_requests(request, retry_after)
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    action = request.POST.get("action")
    if action not in {"like", "unlike"}:
        return HttpResponseBadRequest("The action must be “like” or “unlike”.")
    if not csrf_passes(request):
        if wants_json(request):
            return JsonResponse({"error": "Please confirm."}, status=403)
        response = render(
            request, "articles/like_confirm.html", {"article": article, "action": action}
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
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


class ArchiveView(PublishedListMixin, ListView):
    """A year's or a month's articles (/archive/2026/, /archive/2026/11/), newest first."""

    template_name = "articles/archive.html"

    def dispatch(self, request, *args, **kwargs):
        self.year, self.month = kwargs["year"], kwargs.get("month")
        if not search.FIRST_DAY.year <= self.year <= search.LAST_DAY.year or (
            self.month is not None and not 1 <= self.month <= 12
        ):
            raise Http404("No such archive.")
        zone = timezone.get_current_timezone()
        if self.month is None:
            self.start = datetime(self.year, 1, 1, tzinfo=zone)
            self.end = datetime(self.year + 1, 1, 1, tzinfo=zone)
        else:
            self.start = datetime(self.year, self.month, 1, tzinfo=zone)
            self.end = (self.start + timedelta(days=32)).replace(day=1)
        return super().dispatch(request, *args, **kwargs)

    def articles(self):
        return Article.objects.published().filter(
            published_at__gte=self.start, published_at__lt=self.end
        )

    def get_context_data(self, **kwargs):
        months = []
        if self.month is None:
            months = self.articles().datetimes(
                "published_at", "month", tzinfo=timezone.get_current_timezone()
            )
        heading = date_format(self.start, "F Y" if self.month else "Y")
        return super().get_context_data(
            heading=heading,
            kind="Archive",
            year=self.year,
            month=self.month,
            months=months,
            json_ld=structured_data.collection_page(
                self.request, f"Articles from {heading}", self.archive_crumbs()
            ),
            **kwargs,
        )

    def archive_crumbs(self):
        crumbs = [(str(self.year), reverse("articles:archive_year", args=[self.year]))]
        if self.month:
            crumbs.append(
                (
                    date_format(self.start, "F"),
                    reverse("articles:archive_month", args=[self.year, self.month]),
                )
            )
        return crumbs


@method_decorator(ratelimit.rate_limit("search"), name="dispatch")
class SearchView(TemplateView):
    """The search box's results: public articles, best match first, with filters."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        tree = SectionTree.load()
        form = search.SearchForm(
            self.request.GET or None, tree=tree, authors=search.authors_for_filter()
        )
        query = page = None
        if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
            query = search.Search(form.cleaned_data["q"], **form.filters)
            with query.planned():
                page = paginate(self.request, query.results().for_cards())
            query.add_snippets(page.object_list)
        return super().get_context_data(
            form=form,
            query=query,
            page_obj=page,
            articles=page.object_list if page else [],
            **kwargs,
        )


def old_address(request, old_path):
    """An address no page answers but an article once had (an imported WordPress
    permalink such as /some-post/): a 301 to the article, else the usual 404."""
    target = moved_to(request)
    if target is None:
        raise Http404("No such page.")
    return HttpResponsePermanentRedirect(target)
