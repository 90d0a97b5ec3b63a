"""The uncached endpoints a cached article page's script asks: this reader's
part of the page, and a developing story's latest updates."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from .. import fragments
from .. import reader as reader_parts
from ..models import Article
from .article import LIVE_UPDATES_SHOWN


def reader_state(request, pk):
    """This reader's part of a cached article page (see articles/reader.py)."""
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    response = JsonResponse(reader_parts.state(request, article))
    patch_cache_control(response, private=True, no_store=True)
    return response


def live_updates(request, pk):
    """The developing-story updates of a public article, for the page's light polling."""
    article = get_object_or_404(Article.objects.published(), pk=pk, is_developing=True)
    html = fragments.render(
        "articles/live_updates.html",
        {"live_updates": article.live_updates.all()[:LIVE_UPDATES_SHOWN]},
    )
    response = HttpResponse(html)
    patch_cache_control(response, public=True, max_age=10)
    return response
