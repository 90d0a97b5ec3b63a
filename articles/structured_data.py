"""schema.org data for search engines and aggregators (JSON-LD)."""

from django.conf import settings

from .models import ArticleNote


def _absolute(request, path):
    return request.build_absolute_uri(path)


def news_article(request, article, breadcrumbs):
    """NewsArticle and its BreadcrumbList. Corrections use schema.org's `correction`."""
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": True,
        "author": [
            {"@type": "Person", "name": author.name,
             "url": _absolute(request, author.get_absolute_url())}
            for author in article.ordered_authors
        ],
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
    }  # fmt: skip
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
        data["dateModified"] = (article.updated_at or article.published_at).isoformat()
    if article.lead_image:
        data["image"] = [_absolute(request, article.lead_image.image.url)]
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": note.created_at.isoformat(),
        }
        for note in article.notes.all()
        if note.kind == ArticleNote.Kind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    crumbs = [("Home", "/")] + [(s.name, s.get_absolute_url()) for s in breadcrumbs]
    crumbs.append((article.headline, article.get_absolute_url()))
    trail = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": _absolute(request, path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }
    return [data, trail]
