"""The like button's endpoint: like or unlike, with or without JavaScript."""

from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.csrf import csrf_passes
from core.http import HttpResponseSeeOther, wants_json

from .. import fragments, likes
from ..models import Article


# Article pages are cached and shared, so their like form has no CSRF token until
# the page's script fills it in. A post without one (no JavaScript) is answered
# with a one-button confirmation page instead of a bare 403; nothing changes
# until the reader confirms, so a forged post changes nothing either.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def like(request, pk):
    """A reader likes an article, or takes the like back (form field `action`).

    A plain form post is redirected back to the article with a message; the
    page's script asks for JSON and updates the button and count in place. A GET
    (a reload after posting, a shared link) changes nothing and leads to the
    article's like button.
    """
    if request.method != "POST":
        article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
        return HttpResponseSeeOther(article.get_absolute_url() + "#likes")
    retry_after = ratelimit.exceeded(request, "like")
    if retry_after is not None:
        if wants_json(request):
            response = JsonResponse({"error": ratelimit.MESSAGE}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return ratelimit.too_many_requests(request, retry_after)
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    action = request.POST.get("action")
    if action not in {"like", "unlike"}:
        return HttpResponseBadRequest("The action must be “like” or “unlike”.")
    if not csrf_passes(request):
        if wants_json(request):
            return JsonResponse({"error": "Please confirm."}, status=403)
        response = render(
            request, "articles/like_confirm.html", {"article": article, "action": action}
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    reader = likes.reader_id(request) or likes.new_reader_id()
    liked = action == "like"
    if liked:
        likes.like(article, reader)
    else:
        likes.unlike(article, reader)
    if wants_json(request):
        label = fragments.render("includes/like_count.html", {"article": article})
        response = JsonResponse(
            {"liked": liked, "count": article.like_count, "label": " ".join(label.split())}
        )
    else:
        messages.success(
            request, "You like this article." if liked else "You no longer like this article."
        )
        response = redirect(article.get_absolute_url() + "#likes")
    likes.remember_reader(request, response, reader)
    return response
