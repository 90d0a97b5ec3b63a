import re

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from ..forms import CommentForm
from ..models import Comment
from ..moderation import comments_open
from ..views import own_comment_ids

register = template.Library()


@register.filter
def comment_text(value):
    """A reader's plain text as HTML: escaped, paragraphs kept, addresses linked
    with rel="nofollow ugc noopener". Nothing a reader typed becomes markup."""
    paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph.strip(), trim_url_limit=60, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        html.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - urlize(autoescape=True) escaped it


@register.inclusion_tag("comments/comments.html", takes_context=True)
def comments_for(context, article):
    """The comments under an article: count, threads, and the "Leave a Reply" form.

    One query: the approved comments plus the reader's own ones still awaiting
    moderation (remembered in a signed cookie), threaded in Python.
    """
    request = context["request"]
    # A page every reader shares shows nobody's comments awaiting moderation; the
    # page's script asks for this reader's own (comments/reader.py).
    mine = [] if getattr(request, "page_shared", False) else own_comment_ids(request)
    rows = Comment.objects.filter(article=article).filter(
        Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.PENDING, pk__in=mine)
    )
    nodes = {comment.pk: {"comment": comment, "children": []} for comment in rows}
    threads = []
    for node in nodes.values():
        parent_id = node["comment"].parent_id
        if parent_id is None:
            threads.append(node)
        elif parent_id in nodes:
            nodes[parent_id]["children"].append(node)
        # A reply whose parent is hidden is hidden with it.

    form = context.get("comment_form") or CommentForm()
    reply_to = None
    raw = form["parent"].value() if form.is_bound else request.GET.get("replyto")
    if raw and str(raw).isdigit() and int(raw) in nodes:
        candidate = nodes[int(raw)]["comment"]
        if (
            candidate.status == Comment.Status.APPROVED
            and candidate.depth < settings.NEWSROOM_COMMENTS_MAX_DEPTH
        ):
            reply_to = candidate
            if not form.is_bound:
                form = CommentForm(initial={"parent": candidate.pk})
    return {
        "request": request,
        "article": article,
        "count": article.comment_count,
        "threads": threads,
        "awaiting": _awaiting(threads),
        "form": form,
        "open": comments_open(article),
        "reply_to": reply_to,
        "max_depth": settings.NEWSROOM_COMMENTS_MAX_DEPTH,
        "comment_error": context.get("comment_error"),
    }


def _awaiting(nodes):
    """How many of the comments shown are held for moderation (the reader's own)."""
    held = Comment.Status.PENDING
    return sum((node["comment"].status == held) + _awaiting(node["children"]) for node in nodes)
