"""Reader likes: one per browser, and a reader may take it back.

A reader is not an account. The first like gives the browser a random identifier
in a signed cookie; that identifier is what a Like row stores. The database's
UNIQUE (article, reader) constraint, not a look-up in Python, keeps it to one like
per reader, and `Article.like_count` is a counter kept in step with the rows so
pages never count them.
"""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Value

import pagecache

from . import pagekeys
from .models import Article, Like

COOKIE_NAME = "newsroom_reader"
# The salt keeps any other value this site signs from passing as a reader id.
COOKIE_SALT = "articles.likes.reader"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def like(article, reader_id):
    """The reader likes the article. True if that is new; a repeat changes nothing.

    The insert comes first and the constraint decides: of two requests racing for
    the same reader, one inserts and the other's IntegrityError is caught inside
    its savepoint, so its transaction carries on without touching the counter.
    The counter moves by F() + 1, an UPDATE the database applies atomically, and
    only when a row was really inserted. Afterwards `article.like_count` holds the
    stored count.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Like.objects.create(article=article, reader=reader_id)
        except IntegrityError:
            created = False
        else:
            created = True
            Article.objects.filter(pk=article.pk).update(like_count=F("like_count") + 1)
            # Its page and its cards show the count; the front page counts likes.
            pagecache.purge(pagekeys.likes(article.pk), pagekeys.POPULAR)
        _refresh_count(article)
    return created


def unlike(article, reader_id):
    """The reader takes their like back. True if there was one to take back."""
    with transaction.atomic():
        deleted, _ = Like.objects.filter(article=article, reader=reader_id).delete()
        if deleted:
            Article.objects.filter(pk=article.pk).update(like_count=F("like_count") - 1)
            # Its page and its cards show the count; the front page counts likes.
            pagecache.purge(pagekeys.likes(article.pk), pagekeys.POPULAR)
        _refresh_count(article)
    return bool(deleted)


def _refresh_count(article):
    # Read inside the transaction: after our UPDATE we hold the row's lock, so this
    # is exactly the count our change produced.
    article.like_count = Article.objects.values_list("like_count", flat=True).get(pk=article.pk)


def liked_by(reader_id):
    """Whether the reader likes the article, as an expression to annotate articles with.

    An EXISTS inside the article's own query; plain False when there is no reader.
    """
    if not reader_id:
        return Value(False)
    return Exists(Like.objects.filter(article=OuterRef("pk"), reader=reader_id))


# --- The reader's cookie ----------------------------------------------------


def reader_id(request):
    """The reader's identifier from their signed cookie, or None.

    A missing, tampered-with or otherwise unsigned cookie gives None, and the
    next like starts a new identifier: nobody can act as another reader by
    writing someone else's identifier into their cookie.
    """
    return request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)


def new_reader_id():
    return secrets.token_urlsafe(16)


def remember_reader(request, response, reader):
    """Keep the reader's identifier in their browser for a year from their last like.

    HttpOnly: no script needs it. SameSite=Lax: another site cannot make the
    browser like things by posting to us (CSRF protection stops that too).
    """
    response.set_signed_cookie(
        COOKIE_NAME,
        reader,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
