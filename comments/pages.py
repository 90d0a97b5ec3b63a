"""Long comment threads in pages, as WordPress pages them.

A page holds NEWSROOM_COMMENTS_PER_PAGE top-level comments, oldest first, and
every reply under them: a thread is never split. Pages are numbered from the
oldest, so a comment's page number stays put as new ones arrive; the article's
own address shows the newest page or the oldest (NEWSROOM_COMMENTS_DEFAULT_PAGE),
and the others are `?cpage=N`. That page is never also given as `?cpage=N`
(one address, one cached copy). A page of comments costs two queries whatever
the thread's length: how many threads there are, and the page's comments.
"""

import functools
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404

from core.prepared import Prepared

from .models import Comment

PARAM = "cpage"


def shown(article, mine=()):
    """The comments a reader sees under `article`: the approved ones, and their own
    still awaiting moderation (`mine`, the ids this browser posted)."""
    approved = Comment.objects.visible().filter(article=article)
    if not mine:
        return approved
    return approved | Comment.objects.filter(
        article=article, status=Comment.Status.PENDING, pk__in=mine
    )


@dataclass(frozen=True)
class CommentPage:
    """Where a page of comments sits among the article's pages, and their addresses."""

    number: int
    count: int
    article_url: str

    @property
    def default(self):
        return self.count if settings.NEWSROOM_COMMENTS_DEFAULT_PAGE == "newest" else 1

    def query(self, number):
        return "" if number == self.default else f"?{PARAM}={number}"

    @property
    def address(self):
        """This page's address (a path, with `?cpage=N` unless it is the default)."""
        return self.article_url + self.query(self.number)

    @property
    def own_query(self):
        return self.query(self.number)

    @property
    def reply_prefix(self):
        """This page's address, ready for one more parameter (`replyto=`)."""
        return self.address + ("&" if self.own_query else "?")

    @property
    def older_query(self):
        return self.query(self.number - 1) if self.number > 1 else None

    @property
    def newer_query(self):
        return self.query(self.number + 1) if self.number < self.count else None


def page_count(threads):
    """How many pages `threads` (a count of top-level comments) fill."""
    size = settings.NEWSROOM_COMMENTS_PER_PAGE
    return max(1, math.ceil(threads / size)) if size else 1


# Every uncached article page counts its threads and reads a page of comments;
# for the approved ones alone (any reader but one with comments awaiting
# moderation) the SQL is compiled once per process (core/prepared.py).
_approved_threads = Prepared(
    lambda article_id: (
        Comment.objects.visible()
        .filter(article_id=article_id, parent=None)
        .order_by()
        .values("article")
        .annotate(threads=Count("pk"))
        .values_list("threads", flat=True)
    ),
    int,
)
_approved_pages = {}  # by page number and page size
PREPARED_PAGES = 20  # the first pages of a thread; later ones are built each time


def thread_count(article, mine=()):
    """How many top-level comments a reader sees under `article`."""
    if mine:
        return shown(article, mine).filter(parent=None).count()
    found = _approved_threads(article.pk)
    return found[0] if found else 0


def requested(request, article, threads):
    """The page this request asks for (Http404 for one that does not exist), of
    `threads` top-level comments."""
    count = page_count(threads)
    page = CommentPage(1, count, article.get_absolute_url())
    raw = request.GET.get(PARAM)
    if raw is None:
        return CommentPage(page.default, count, page.article_url)
    if not raw.isdigit() or not 1 <= int(raw) <= count:
        raise Http404("No such page of comments.")
    return CommentPage(int(raw), count, page.article_url)


# What a comment under an article shows (comments/thread.html) and how it is
# threaded: the page reads these columns as plain rows, not model instances.
SHOWN = ("pk", "parent_id", "depth", "status", "name", "website", "text", "submitted_at")


def comments_on(page, article, mine=()):
    """The comments a reader sees on `page` of `article`'s, in one query: its
    threads' first comments and all their replies, oldest first, as rows of
    SHOWN (dicts: the templates read them as they read a Comment)."""
    size = settings.NEWSROOM_COMMENTS_PER_PAGE
    if mine or page.number > PREPARED_PAGES:
        return list(_on_page(shown(article, mine), page.number, size))
    shape = (page.number, size)
    prepared = _approved_pages.get(shape)
    if prepared is None:
        build = functools.partial(_approved_on_page, *shape)
        prepared = _approved_pages.setdefault(shape, Prepared(build, int))
    return prepared(article.pk)


def _approved_on_page(number, size, article_id):
    return _on_page(Comment.objects.visible().filter(article_id=article_id), number, size)


def _on_page(comments, number, size):
    if size:
        start = (number - 1) * size
        firsts = comments.filter(parent=None)[start : start + size].values("pk")
        comments = comments.filter(Q(pk__in=firsts) | Q(thread__in=firsts))
    return comments.values(*SHOWN)


def page_of(comment, mine=()):
    """The page of its article's comments that `comment` is on."""
    size = settings.NEWSROOM_COMMENTS_PER_PAGE
    article = comment.article
    threads = shown(article, mine).filter(parent=None)
    count = page_count(threads.count())
    number = 1
    if size:
        first = comment.thread or comment
        before = threads.filter(submitted_at__lt=first.submitted_at) | threads.filter(
            submitted_at=first.submitted_at, pk__lt=first.pk
        )
        number = min(before.count() // size + 1, count)
    return CommentPage(number, count, article.get_absolute_url())


def comment_url(comment, mine=()):
    """The address of `comment` on its page: the page's address and its anchor."""
    return f"{page_of(comment, mine).address}#comment-{comment.pk}"
