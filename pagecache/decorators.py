"""How a view takes part in the page cache: `reader_page` opts it in, `private`
keeps one of its responses out, `private_request` does it from wherever the page
is drawn (a template tag that puts one reader's words on it)."""

import functools

from django.utils.cache import patch_cache_control


def reader_page(view=None, *, params=()):
    """Mark a view's answers as reader pages: the same for every anonymous reader,
    so the page cache may keep them (pagecache/middleware.py decides who may be
    served from it). Only a 200 is kept, and never one marked `private`.

    `params` names the query parameters the view reads (`page`, `replyto`): only
    they make another cached page; any other (`?utm_source=…`, `?x=1`) is left
    out of the cache key (pagecache/addresses.py).

    The one way to opt in, for every kind of view: a function, a class-based view
    (`reader_page(ArticleView.as_view(), params=["replyto"])` in urls.py) or a
    feed (`reader_page(Feed())`).
    """
    if view is None:
        return functools.partial(reader_page, params=params)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not hasattr(response, "reader_cacheable"):
            response.reader_cacheable = response.status_code == 200
        return response

    wrapped.page_params = frozenset(params)
    return wrapped


def private(response):
    """This response is one person's (a draft's preview, a form with their errors):
    never stored by the page cache, a shared cache or the browser."""
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    response.reader_cacheable = False
    return response


def private_request(request):
    """The page being drawn for `request` holds one person's own words (a form
    they sent, kept with its mistakes): its response is kept `private` too
    (pagecache/middleware.py applies it once the page is drawn)."""
    request.page_private = True
