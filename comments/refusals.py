"""A comment that cannot be stored as it came goes back to its form, at the
article's own address.

The post is answered with a redirect (303) to the article's page of comments
that holds the form, at `#respond`; what the reader wrote and what was wrong
ride along in their session for that one page view. So the address bar shows
the article, reloading does not post again, and the page lands on the form
(comment-form.js moves focus to the first mistake; without script the anchor
still scrolls there). The session cookie keeps that response out of the page
cache, and the session empties itself once the form is shown, so the cookie
goes with it.
"""

import pagecache
from core.http import HttpResponseSeeOther

from . import pages
from .forms import CommentForm

SESSION_KEY = "comments:refused"
KEPT_FIELDS = ("name", "email", "website", "text", "parent", "token")


def back_to_form(request, article, form, error=None):
    """Keep `form`'s words and `error` for the reader's next view of the article,
    and send them there, to the form."""
    data = {name: form.data.get(name, "") for name in KEPT_FIELDS}
    request.session[SESSION_KEY] = {"article": article.pk, "data": data, "error": error}
    return HttpResponseSeeOther(form_address(request, article, data["parent"]))


def form_address(request, article, parent):
    """Where the form is: under the comment replied to, on its page; else on the
    article's own page of comments."""
    url = article.get_absolute_url()
    if str(parent).isdigit():
        replied = (
            pages.shown(article)
            .select_related("thread", "article__section")
            .filter(pk=int(parent))
            .first()
        )
        if replied is not None:
            url = pages.page_of(replied).reply_prefix + f"replyto={replied.pk}"
    return url + "#respond"


def take(request, article):
    """The form (bound, with its mistakes) and the message kept for this reader on
    this article, or (None, None). Taken once, by the next article page the reader
    opens: a reload shows a fresh form, and a reader who went elsewhere instead
    does not carry it (or the session cookie) around."""
    session = getattr(request, "session", None)
    kept = session.pop(SESSION_KEY, None) if session is not None else None
    if not kept:
        return None, None
    if not session.keys():
        # Nothing else in it (a reader, not a logged-in editor): the session and
        # its cookie go, and the reader's next pages come from the page cache.
        session.flush()
    if kept.get("article") != article.pk:
        return None, None
    pagecache.private_request(request)
    form = CommentForm(kept["data"])
    form.is_valid()  # the same words give the same mistakes
    return form, kept.get("error")
