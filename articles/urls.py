from django.urls import path, re_path, register_converter

from pagecache import reader_page

from . import tags
from .discovery import feeds, icons, sitemaps
from .views import article, likes, listings, pages, reader, search

register_converter(tags.TagSlugConverter, "tagslug")
register_converter(pages.PagePathConverter, "pagepath")

app_name = "articles"
# The query parameters a listing reads (pagecache.reader_page): any other, such
# as ?utm_source=, makes no other cached page.
PAGE = ["page"]

urlpatterns = [
    path("", reader_page(listings.HomeView.as_view(), params=["p", "page"]), name="home"),
    path(
        "section/<path:path>/",
        reader_page(listings.SectionView.as_view(), params=PAGE),
        name="section",
    ),
    path("tag/<tagslug:slug>/", reader_page(listings.TagView.as_view(), params=PAGE), name="tag"),
    path(
        "author/<slug:slug>/",
        reader_page(listings.AuthorView.as_view(), params=PAGE),
        name="author",
    ),
    path("like/<int:pk>/", likes.like, name="like"),
    path(
        "corrections/",
        reader_page(listings.CorrectionsView.as_view(), params=PAGE),
        name="corrections",
    ),
    path("preview/<str:token>/", article.PreviewView.as_view(), name="preview"),
    path("live/<int:pk>/updates/", reader.live_updates, name="live_updates"),
    path("reader/<int:pk>/", reader.reader_state, name="reader"),
    path("search/", search.SearchView.as_view(), name="search"),
    path(
        "archive/<int:year>/",
        reader_page(listings.ArchiveView.as_view(), params=PAGE),
        name="archive_year",
    ),
    path(
        "archive/<int:year>/<int:month>/",
        reader_page(listings.ArchiveView.as_view(), params=PAGE),
        name="archive_month",
    ),
    path("feeds/rss/", reader_page(feeds.ArticleFeed()), name="feed_site_rss"),
    path("feeds/atom/", reader_page(feeds.AtomArticleFeed()), name="feed_site_atom"),
    path(
        "feeds/section/<path:path>/rss/", reader_page(feeds.SectionFeed()), name="feed_section_rss"
    ),
    path(
        "feeds/section/<path:path>/atom/",
        reader_page(feeds.AtomSectionFeed()),
        name="feed_section_atom",
    ),
    path("feeds/tag/<tagslug:slug>/rss/", reader_page(feeds.TagFeed()), name="feed_tag_rss"),
    path("feeds/tag/<tagslug:slug>/atom/", reader_page(feeds.AtomTagFeed()), name="feed_tag_atom"),
    path("feeds/author/<slug:slug>/rss/", reader_page(feeds.AuthorFeed()), name="feed_author_rss"),
    path(
        "feeds/author/<slug:slug>/atom/",
        reader_page(feeds.AtomAuthorFeed()),
        name="feed_author_atom",
    ),
    path(
        "sitemap.xml",
        reader_page(sitemaps.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemaps/<section>.xml",
        reader_page(sitemaps.sitemap, params=["p"]),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", reader_page(sitemaps.news_sitemap), name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("favicon.ico", reader_page(icons.favicon), name="favicon"),
    path("apple-touch-icon.png", reader_page(icons.apple_touch_icon), name="apple_touch_icon"),
    # Older iPhones ask for this name first.
    path("apple-touch-icon-precomposed.png", reader_page(icons.apple_touch_icon)),
    # A page's address (/about/, /about/team/): only addresses of existing pages
    # match, so everything else goes on to the article.
    path("<pagepath:path>/", reader_page(pages.PageView.as_view()), name="page"),
    # Last: an article lives under its section's path, e.g. /world-news/europe/<slug>/.
    # Its page reads two query parameters, each another page to cache: ?cpage=N (a
    # page of its comments) and ?replyto=<comment id> (the form under a comment).
    path(
        "<path:section_path>/<slug:slug>/",
        reader_page(article.ArticleView.as_view(), params=["replyto", "cpage"]),
        name="detail",
    ),
    # Very last: any other address an article once had (an imported WordPress
    # permalink: /some-post/, /2021/05/café/, /2021/05/some-post.html). Only
    # addresses ending in a slash or .html, so Django still adds a missing slash
    # elsewhere and /favicon.ico is not sent to /favicon.ico/.
    re_path(
        r"^(?P<old_path>(?:[^/]+/)*(?:[^/.]+/|[^/]+\.html?))$",
        article.old_address,
        name="old_address",
    ),
]
