"""Share-preview links: a signed address that shows one unpublished article to
anyone holding it, until it expires (NEWSROOM_PREVIEW_HOURS) or is revoked."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..models import Article, new_preview_key

SALT = "articles.share-preview"


def _signer():
    return signing.TimestampSigner(salt=SALT)


def link(article):
    token = _signer().sign_object({"a": article.pk, "k": article.preview_key})
    return reverse("articles:preview", args=[token])


def resolve(token):
    """The article a token shows, or None (tampered, expired or revoked)."""
    try:
        data = _signer().unsign_object(token, max_age=settings.NEWSROOM_PREVIEW_HOURS * 3600)
        return (
            Article.objects.select_related("section")
            .filter(pk=int(data["a"]), preview_key=str(data["k"]), section__isnull=False)
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def revoke(article):
    """Every share-preview link of the article stops working."""
    article.preview_key = new_preview_key()
    Article.objects.filter(pk=article.pk).update(preview_key=article.preview_key)
