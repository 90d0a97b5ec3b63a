"""How a view takes part in the page cache: `reader_page` opts it in, `private`
keeps one of its responses out."""

import functools

from django.utils.cache import patch_cache_control


def reader_page(view):
    """Mark a view's answers as reader pages: the same for every anonymous reader,
    so the page cache may keep them (pagecache/middleware.py decides who may be
    served from it). Only a 200 is kept, and never one marked `private`.

    The one way to opt in, for every kind of view: a function, a class-based view
    (`reader_page(ArticleView.as_view())` in urls.py) or a feed (`reader_page(Feed())`).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not hasattr(response, "reader_cacheable"):
            response.reader_cacheable = response.status_code == 200
        return response

    return wrapped


def private(response):
    """This response is one person's (a draft's preview, a form with their errors):
    never stored by the page cache, a shared cache or the browser."""
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    response.reader_cacheable = False
    return response
