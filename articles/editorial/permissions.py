"""Who may do what to articles and library images: the only place the rules live.

Every path into the data asks here: the admin's querysets, forms, pickers and
buttons, the workflow gate (articles/editorial/workflow.py) and the reader
pages' previews. A page that hides a button is a convenience; these answers are
the rule, and the gate checks them again on the server before anything is saved.

Roles are groups (articles/editorial/roles.py): Editors hold `articles.publish_article`,
Writers hold the add/change permissions without it, Moderators hold neither.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from ..models import (
    Article,
    ArticleGallery,
    ArticleImage,
    Author,
    Page,
    RelatedLink,
    SiteSettings,
)

Status = Article.Status
# A writer's article stays theirs to change until an editor publishes it.
WRITER_STATES = {Status.DRAFT, Status.REVIEW}


def require(allowed, message):
    """Raise PermissionDenied with `message` unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def is_editor(user):
    """Editors publish, schedule, unpublish, correct and edit everything."""
    return user.is_active and user.has_perm("articles.publish_article")


def can_publish(user):
    return is_editor(user)


def is_own(user, article):
    """Created by the user, or bylined to their author profile."""
    if article.pk is None:
        return True
    return article.created_by_id == user.pk or any(
        byline.author.user_id == user.pk for byline in article.bylines.all()
    )


def can_create(user):
    return user.is_active and user.is_staff and user.has_perm("articles.add_article")


def can_edit(user, article):
    """Editors edit everything; writers their own articles until they are published.
    `article` is the article as stored, not as a form would change it."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    if is_editor(user):
        return True
    return is_own(user, article) and article.status in WRITER_STATES


def can_view(user, article):
    """Seeing an article that is not public (admin pages, previews, history):
    editors, and writers for their own."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm("articles.change_article"):
        return False
    return is_editor(user) or is_own(user, article)


def can_delete(user, article=None):
    return is_editor(user) and user.has_perm("articles.delete_article")


def can_set_status(user, before, after):
    """May `user` move an article from state `before` to `after`?

    Writers go between Draft and In review (submitting, or taking back what they
    submitted); everything else (publishing, scheduling, unpublishing, sending
    back) is an editor's. `before` is None for a new article.
    """
    if before == after:
        return True
    if is_editor(user):
        return True
    return after in WRITER_STATES and (before is None or before in WRITER_STATES)


def visible_articles(user, queryset=None):
    """The articles `user` may see anywhere in the admin (lists, pickers, links,
    revision pages): editors all, writers their own and the public ones, anyone
    else (moderators) only the public ones."""
    queryset = Article.objects.all() if queryset is None else queryset
    if is_editor(user) and user.has_perm("articles.change_article"):
        return queryset
    public = Article.objects.published().values("pk")
    if not (user.is_staff and user.has_perm("articles.change_article")):
        return queryset.filter(pk__in=public)
    own = Article.objects.filter(Q(created_by=user) | Q(bylines__author__user=user)).values("pk")
    return queryset.filter(Q(pk__in=own) | Q(pk__in=public))


# --- Library images ----------------------------------------------------------


def articles_showing(image):
    """Every article that shows `image`: as its lead image, in its body (alone or
    in a gallery), or as the picture of one of its external related links."""
    return Article.objects.filter(
        Q(lead_image=image)
        | Q(pk__in=ArticleImage.objects.filter(image=image).values("article_id"))
        | Q(pk__in=RelatedLink.objects.filter(teaser_image=image).values("article_id"))
        | Q(pk__in=ArticleGallery.objects.filter(gallery__items__image=image).values("article_id"))
    ).distinct()


def shown_outside_articles(image):
    """An author's photo or the site's logo: public wherever articles are."""
    return (
        Author.objects.filter(photo=image).exists()
        or SiteSettings.objects.filter(logo=image).exists()
    )


def can_change_image(user, image):
    """Editors change any library image. A writer changes an image only while
    nothing public can show it: every article using it is their own and
    unpublished, it is no author's photo or the site's logo, and an image no
    article uses yet is theirs only if they uploaded it. Changing a caption,
    credit or file changes every page that shows the image, at once."""
    if not (user.is_active and user.is_staff and user.has_perm("images.change_captionedimage")):
        return False
    if is_editor(user) or image.pk is None:
        return True
    if shown_outside_articles(image):
        return False
    uses = list(articles_showing(image).prefetch_related("bylines__author"))
    if not uses:
        return image.uploaded_by_id == user.pk
    return all(article.status in WRITER_STATES and is_own(user, article) for article in uses)


# --- Galleries ---------------------------------------------------------------


def can_change_gallery(user, gallery):
    """Editors change any gallery. A writer changes one only while nothing public
    shows it: every article placing it is their own and unpublished, and one no
    article uses yet only if they made it (as for library images)."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_gallery")):
        return False
    if is_editor(user) or gallery.pk is None:
        return True
    uses = list(
        Article.objects.filter(galleries__gallery=gallery).prefetch_related("bylines__author")
    )
    if not uses:
        return gallery.created_by_id == user.pk
    return all(article.status in WRITER_STATES and is_own(user, article) for article in uses)


# --- Pages -------------------------------------------------------------------


def is_page_editor(user):
    """Editors publish pages and change every one."""
    return user.is_active and user.has_perm("articles.publish_page")


def can_edit_page(user, page):
    """Editors change every page; writers the pages they created until published.
    `page` is the page as stored (None for a new one)."""
    if not (user.is_active and user.is_staff):
        return False
    if page is None or page.pk is None:
        return user.has_perm("articles.add_page")
    if not user.has_perm("articles.change_page"):
        return False
    return is_page_editor(user) or (
        page.created_by_id == user.pk and page.status != page.Status.PUBLISHED
    )


def can_view_page(user):
    """Seeing pages readers cannot (drafts, at their address with a banner)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.has_perm("articles.change_page") or user.has_perm("articles.view_page"))
    )


def can_set_page_status(user, before, after):
    """Writers go between Draft and In review; publishing or taking a page down
    is an editor's. `before` is None for a new page."""
    if before == after or is_page_editor(user):
        return True
    draft_or_review = {Page.Status.DRAFT, Page.Status.REVIEW}
    return after in draft_or_review and (before is None or before in draft_or_review)
