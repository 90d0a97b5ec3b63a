"""schema.org data for search engines and aggregators (JSON-LD)."""

from django.urls import reverse

from images.library import rendition_for
from images.models import Crop

from ..models import ArticleNote, SiteSettings
from ..times import to_the_second
from . import icons


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
        "publisher": publisher(request),
    }  # fmt: skip
    if article.published_at:
        data["datePublished"] = to_the_second(article.published_at).isoformat()
        data["dateModified"] = to_the_second(article.updated_at or article.published_at).isoformat()
    if article.lead_image:
        # Search engines ask for several shapes of the same picture.
        data["image"] = [
            _absolute(request, found[0])
            for crop in (Crop.WIDE, Crop.SQUARE, Crop.ORIGINAL)
            if (found := rendition_for(article.lead_image, crop, 1200))
        ]
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": to_the_second(note.created_at).isoformat(),
        }
        for note in article.notes.all()
        if note.kind == ArticleNote.Kind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    crumbs = [(s.name, s.get_absolute_url()) for s in breadcrumbs]
    crumbs.append((article.headline, article.get_absolute_url()))
    return [data, breadcrumb_list(request, crumbs)]


def breadcrumb_list(request, crumbs):
    """A BreadcrumbList from Home through (name, path) pairs."""
    crumbs = [("Home", reverse("articles:home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": _absolute(request, path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def publisher(request):
    """The newsroom as a schema.org Organization with its logo (the one set in the
    site settings, else Newsroom's default mark): Google asks for both."""
    site = SiteSettings.current()
    url, width, height = icons.logo(request)
    return {
        "@type": "Organization",
        "name": site.publisher,
        "url": _absolute(request, "/"),
        "logo": {"@type": "ImageObject", "url": url, "width": width, "height": height},
    }


def home_page(request):
    """The site (WebSite, with its search) and the newsroom (Organization)."""
    site = SiteSettings.current()
    search_url = _absolute(request, reverse("articles:search"))
    return [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.name,
            "description": site.motto,
            "url": _absolute(request, "/"),
            "inLanguage": site.language_code,
            "publisher": publisher(request),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{query}}"},
                "query-input": "required name=query",
            },
        },
    ]


def collection_page(request, name, crumbs, description="", extra=None):
    """A listing page (section, tag, archive) as a CollectionPage, with its trail."""
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": _absolute(request, request.path),
        "isPartOf": {"@type": "WebSite", "name": SiteSettings.current().name,
                     "url": _absolute(request, "/")},
    }  # fmt: skip
    if description:
        data["description"] = description
    data.update(extra or {})
    return [data, breadcrumb_list(request, crumbs)]


def section_page(request, section, lineage):
    """A section: a CollectionPage about it, and its breadcrumbs."""
    return collection_page(
        request,
        section.name,
        [(s.name, s.get_absolute_url()) for s in lineage],
        section.description,
        {"about": {"@type": "Thing", "name": section.name}},
    )


def tag_page(request, tag):
    """A tag: a CollectionPage about the topic."""
    url = reverse("articles:tag", args=[tag.slug])
    return collection_page(
        request, tag.name, [(tag.name, url)], extra={"about": {"@type": "Thing", "name": tag.name}}
    )


def person(request, author):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": _absolute(request, author.get_absolute_url()),
    }
    if author.bio:
        data["description"] = author.bio
    if author.photo_id and (photo := rendition_for(author.photo, Crop.SQUARE, 320)):
        data["image"] = _absolute(request, photo[0])
    return data


def author_page(request, author):
    """An author page: a ProfilePage whose main entity is the Person."""
    data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "name": author.name,
        "url": _absolute(request, author.get_absolute_url()),
        "mainEntity": person(request, author),
    }
    return [data, breadcrumb_list(request, [(author.name, author.get_absolute_url())])]
