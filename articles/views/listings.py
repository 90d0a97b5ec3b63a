"""Reader listings: the home page, sections, tags, authors, archives and the
corrections page, newest first, paginated without counting the table."""

from datetime import datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import ListView, TemplateView

import pagecache
from core.pagination import paginate

from .. import pagekeys, tags
from ..discovery import feeds, frontpage, search, structured_data
from ..models import Article, ArticleNote, Author, SectionTree
from ..wordpress import addresses as wordpress_addresses


class PublishedListMixin:
    """A listing of public articles, newest first, paginated with ?page=N (no COUNT)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return (
            self.articles()
            .for_cards()
            .defer("body", "reader_body")
            .order_by("-published_at", "-pk")
        )

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return None, page, page.object_list, page.has_other_pages

    def page_keys(self):
        """What the listing is of (the page cache's keys, articles/pagekeys.py)."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pagekeys.show_cards(context["articles"])
        pagecache.shows(*self.page_keys())
        return context


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        # /?p=123 is a WordPress address: an imported post answers it with a 301.
        if "p" in request.GET:
            article = wordpress_addresses.article_for_query(request)
            if article is not None:
                return HttpResponsePermanentRedirect(article.get_absolute_url())
        # /?page_id=12: an imported WordPress page.
        if "page_id" in request.GET:
            page = wordpress_addresses.page_for_query(request)
            if page is not None:
                return HttpResponsePermanentRedirect(page.get_absolute_url())
        # The front page is one page: its lists lead on to sections and the archive.
        # A ?page=N (an old link, a guess) is the front page itself, at its address.
        if "page" in request.GET:
            return HttpResponsePermanentRedirect(reverse("articles:home"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        front = frontpage.compose(SectionTree.load())
        most_liked, most_discussed = frontpage.popular()
        frontpage.show(front, most_liked + most_discussed)
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

    def page_keys(self):
        shown = [
            *self.tree.ancestors(self.section.pk),
            *self.tree.children.get(self.section.pk, []),
        ]
        return [
            pagekeys.section_list(self.section.pk),
            *map(pagekeys.section, (s.pk for s in shown)),
        ]

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

    def page_keys(self):
        return [pagekeys.tag_list(self.tag.pk), pagekeys.tag(self.tag.pk)]

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

    def page_keys(self):
        pagekeys.show_author(self.author)
        return [pagekeys.author_list(self.author.pk)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.author.name,
            author=self.author,
            feeds=feeds.alternates("author", self.author.slug, self.author.name),
            json_ld=structured_data.author_page(self.request, self.author),
            **kwargs,
        )


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pagecache.shows(pagekeys.CORRECTIONS)
        for note in context["notes"]:
            pagecache.shows(
                pagekeys.article(note.article_id), pagekeys.section(note.article.section_id)
            )
        return context


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

    def page_keys(self):
        return [pagekeys.archive(self.year)]

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
