from django import template
from django.conf import settings
from django.urls import reverse

from articles import fragments

from .. import pages, refusals, thread
from ..forms import CommentForm, fields_of, new_token
from ..models import Comment
from ..moderation import comments_open
from ..views import own_comment_ids

register = template.Library()


def _mine(request):
    # A page every reader shares shows nobody's comments awaiting moderation; the
    # page's script asks for this reader's own (comments/reader.py).
    return [] if getattr(request, "page_shared", False) else own_comment_ids(request)


@register.simple_tag(takes_context=True)
def comment_page(context, article):
    """`{% comment_page article as cpage %}`: `page_of_request`, in a template."""
    return page_of_request(context["request"], article)


def page_of_request(request, article):
    """The page of `article`'s comments this request shows (`?cpage=N`, else the
    default page); an address for a page that does not exist is a 404. Worked
    out once per page view: the head's links and the comments use the same."""
    if getattr(article, "_comment_page", None) is None:
        threads = pages.thread_count(article, _mine(request))
        article._comment_page = pages.requested(request, article, threads)
    return article._comment_page


@register.simple_tag(name="comments_for", takes_context=True)
def comments_for_tag(context, article):
    """`{% comments_for article as comment_section %}`: `comments_for`, in a template."""
    return comments_for(context["request"], article)


def comments_for(request, article):
    """The comments under an article: count, the page of threads this address
    shows, and the "Leave a Reply" form.

    Two queries whatever the thread's length (comments/pages.py): the approved
    comments plus the reader's own ones still awaiting moderation (remembered in
    a signed cookie), threaded in Python.
    """
    page = page_of_request(request, article)
    nodes, threads = _threaded(pages.comments_on(page, article, _mine(request)))
    kept, kept_error = (None, None)
    if not getattr(request, "page_shared", False):
        kept, kept_error = refusals.take(request, article)
    reply_to = _answered(kept, request, nodes)
    # No form at all for one holding nobody's words: its fields are drawn once
    # per process (comments.forms.fields_of); a reply's form holds the parent.
    form = kept
    if form is None and reply_to is not None:
        form = CommentForm(initial={"parent": reply_to["pk"]})
    shared = getattr(request, "page_shared", False)
    shown = {
        "page_shared": shared,
        "fields": fields_of(form),
        "token": "" if shared else _token(form),
        "post_url": reverse("comments:post", args=[article.pk]),
        "count": article.comment_count,
        "threads": threads,
        "awaiting": _awaiting(threads),
        "cpage": page,
        "form": form,
        "open": comments_open(article),
        "reply_to": reply_to,
        "max_depth": settings.NEWSROOM_COMMENTS_MAX_DEPTH,
        "comment_error": kept_error,
    }
    # The form goes under the comment answered, or (section.html) after the thread.
    reply_form = ""
    if shown["open"] and reply_to is not None:
        reply_form = fragments.render("comments/form.html", shown, request)
    shown["thread"] = thread.draw(
        threads,
        open=shown["open"],
        max_depth=shown["max_depth"],
        cpage=page,
        reply_to=reply_to,
        reply_form=reply_form,
    )
    return fragments.render("comments/section.html", shown, request)


def _threaded(rows):
    """The comments as nodes by id, and the threads (top-level nodes), replies
    under their parents. A reply whose parent is hidden is hidden with it."""
    nodes = {comment["pk"]: {"comment": comment, "children": []} for comment in rows}
    threads = []
    for node in nodes.values():
        parent_id = node["comment"]["parent_id"]
        if parent_id is None:
            threads.append(node)
        elif parent_id in nodes:
            nodes[parent_id]["children"].append(node)
    return nodes, threads


def _token(form):
    """The form's token: a kept form's own, else a fresh one."""
    return (form["token"].value() or "") if form is not None else new_token()


def _answered(kept, request, nodes):
    """The comment being answered (the kept form's, else `?replyto=`), if it is
    shown here, approved and not already as deep as replies go; else None."""
    raw = kept["parent"].value() if kept is not None else request.GET.get("replyto")
    if not (raw and str(raw).isdigit() and int(raw) in nodes):
        return None
    candidate = nodes[int(raw)]["comment"]
    if (
        candidate["status"] == Comment.Status.APPROVED
        and candidate["depth"] < settings.NEWSROOM_COMMENTS_MAX_DEPTH
    ):
        return candidate
    return None


def _awaiting(nodes):
    """How many of the comments shown are held for moderation (the reader's own)."""
    held = Comment.Status.PENDING
    return sum((node["comment"]["status"] == held) + _awaiting(node["children"]) for node in nodes)
