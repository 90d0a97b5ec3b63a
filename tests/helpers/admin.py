"""Posting the article's admin form as an editor's browser would."""

from django.urls import reverse
from django.utils import timezone


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


OTHER_INLINES = {
    **inline_management("galleries"),
    **inline_management("embeds"),
    **inline_management("live_updates"),
    **inline_management("notes"),
    **inline_management("events"),
}


def change_data(article, **overrides):
    """The article's admin form as it would be posted back, with changes."""
    byline = article.bylines.first()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "tags": "",
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "comments_enabled": "on",
        "loaded_version": article.version,
        **inline_management("bylines", 1 if byline else 0, 1 if byline else 0),
        **inline_management("figures"),
        **inline_management("related_links"),
        **OTHER_INLINES,
    }
    if byline:
        data.update(
            {
                "bylines-0-id": byline.pk,
                "bylines-0-article": article.pk,
                "bylines-0-author": byline.author_id,
                "bylines-0-position": "0",
            }
        )
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = (
            f"{local:%Y-%m-%d}",
            f"{local:%H:%M:%S}",
        )
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])
