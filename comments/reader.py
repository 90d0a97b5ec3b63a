"""The comments' part of a reader's state on a cached article page."""

from django.conf import settings

from articles import fragments

from . import pages, thread
from .forms import new_token
from .models import Comment
from .views import own_comment_ids


def comment_state(request, article):
    """A fresh form token, and this reader's comments still awaiting moderation."""
    mine = own_comment_ids(request)
    pending = []
    if mine:
        for comment in Comment.objects.filter(
            article=article, status=Comment.Status.PENDING, pk__in=mine
        ).values(*pages.SHOWN):
            html = thread.draw(
                [{"comment": comment, "children": []}],
                open=False,
                max_depth=settings.NEWSROOM_COMMENTS_MAX_DEPTH,
            )
            pending.append({"id": comment["pk"], "parent": comment["parent_id"], "html": html})
    heading = fragments.render(
        "comments/heading.html", {"count": article.comment_count, "awaiting": len(pending)}
    )
    return {
        "comment_token": new_token(),
        "pending_comments": pending,
        "comments_heading": " ".join(heading.split()),
    }
