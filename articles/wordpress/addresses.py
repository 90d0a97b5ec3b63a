"""
The old WordPress site's addresses of imported posts.

A post's own address (its permalink, /2021/05/some-post/) is an ArticleRedirect
row, answered like any address an article used to have. WordPress's "plain"
address, /?p=123, names the post by its id: `article_for_query` finds the article
the post became, through the import record.
"""

from django.contrib.contenttypes.models import ContentType

from ..editorial import permissions
from ..models import Article, ImportedObject, Page, PageTree


def article_for_query(request):
    """The article behind /?p=123, if there is one this reader may see."""
    post_id = request.GET.get("p", "")
    if not post_id.isdigit():
        return None
    # Several WordPress sites may have been imported; the latest import wins.
    ref = (
        ImportedObject.objects.filter(
            kind=ImportedObject.Kind.POST,
            key=post_id,
            content_type=ContentType.objects.get_for_model(Article),
        )
        .order_by("-updated_at", "-pk")
        .first()
    )
    if ref is None:
        return None
    article = Article.objects.select_related("section").filter(pk=ref.object_id).first()
    if article is None or not (article.is_public or permissions.can_view(request.user, article)):
        return None
    return article


def page_for_query(request):
    """The page behind /?page_id=12, if it is public."""
    page_id = request.GET.get("page_id", "")
    if not page_id.isdigit():
        return None
    ref = (
        ImportedObject.objects.filter(kind=ImportedObject.Kind.PAGE, key=page_id)
        .order_by("-updated_at", "-pk")
        .first()
    )
    page = Page.objects.filter(pk=ref.object_id).first() if ref else None
    if page is None or not PageTree.load().is_public(page.path):
        return None
    return page
