"""A thread of comments as readers see it (templates/jinja2/comments/thread.html).

Every uncached article page draws one, so it is a Jinja2 fragment
(articles/fragments.py): Django's template engine spent about two thousand
Python calls on each comment. Comments are rows of comments/pages.py's SHOWN;
a reader's text becomes HTML here (`comment_text`)."""

import functools
import re

from django.utils.html import urlize
from django.utils.safestring import mark_safe

from articles import fragments


@functools.lru_cache(maxsize=1024)
def comment_text(value):
    """A reader's plain text as HTML: escaped, paragraphs kept, addresses linked
    with rel="nofollow ugc noopener". Nothing a reader typed becomes markup.
    The same text always makes the same HTML, and finding the addresses in it
    is dear: the newest texts' HTML is kept in each process."""
    paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph.strip(), trim_url_limit=60, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        html.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - urlize(autoescape=True) escaped it


def draw(nodes, *, open, max_depth, cpage=None, reply_to=None, reply_form=""):
    """The `<li>`s of `nodes` ({"comment": ..., "children": [nodes]}), replies
    nested; `reply_form` goes under `reply_to`, the comment being answered."""
    texts = {}
    pending = list(nodes)
    while pending:
        node = pending.pop()
        comment = node["comment"]
        texts[comment["pk"]] = comment_text(comment["text"])
        pending.extend(node["children"])
    return fragments.render(
        "comments/thread.html",
        {
            "nodes": nodes,
            "texts": texts,
            "open": open,
            "max_depth": max_depth,
            "cpage": cpage,
            "reply_to": reply_to,
            "reply_form": reply_form,
        },
    )
