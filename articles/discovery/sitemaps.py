"""Sitemaps (sitemaps.org) of what readers may see, the Google News sitemap of the
last 48 hours, and robots.txt, which points crawlers at both."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

import pagecache

from .. import pagekeys
from ..models import Article, Author, Page, PageTree, SectionTree, SiteSettings

NEWS_HOURS = 48
NEWS_LIMIT = 1000  # Google News reads at most 1,000 addresses per sitemap


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "updated_at", "section", "section__path")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at or item.published_at


class SectionSitemap(Sitemap):
    def items(self):
        return sorted(SectionTree.load().by_id.values(), key=lambda section: section.path)


class TagSitemap(Sitemap):
    def items(self):
        return (
            Tag.objects.filter(article__in=Article.objects.published()).distinct().order_by("slug")
        )

    def location(self, item):
        return reverse("articles:tag", args=[item.slug])


class AuthorSitemap(Sitemap):
    def items(self):
        return (
            Author.objects.filter(articles__in=Article.objects.published())
            .distinct()
            .order_by("slug")
        )


class PageSitemap(Sitemap):
    """Public pages (published, and every page above them too)."""

    def items(self):
        tree = PageTree.load()
        pages = Page.objects.published().only("path", "updated_at").order_by("path")
        return [page for page in pages if tree.is_public(page.path)]

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}


def index(request, **kwargs):
    """Django's sitemap index; it lists every public article, section, tag and author."""
    pagecache.shows(pagekeys.ALL)
    return sitemap_views.index(request, **kwargs)


def sitemap(request, **kwargs):
    """Django's sitemap (one of SITEMAPS, ?p= for its pages)."""
    pagecache.shows(pagekeys.ALL)
    return sitemap_views.sitemap(request, **kwargs)


def news_language(code):
    """Google News wants ISO 639 codes: "en", not "en-gb" (Chinese keeps its script)."""
    code = code.lower()
    if code.startswith("zh"):
        return "zh-tw" if code in {"zh-hant", "zh-tw", "zh-hk"} else "zh-cn"
    return code.split("-")[0]


def news_sitemap(request):
    """Public articles published in the last 48 hours, for Google News."""
    since = timezone.now() - timedelta(hours=NEWS_HOURS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .only("slug", "headline", "published_at", "section", "section__path")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    site = SiteSettings.current()
    pagecache.shows(pagekeys.ALL)
    return render(
        request,
        "articles/news_sitemap.xml",
        {
            "articles": articles,
            "publication": site.name,
            "language": news_language(site.language_code),
            "base": request.build_absolute_uri("/").rstrip("/"),
        },
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
