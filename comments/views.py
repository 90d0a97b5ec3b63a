from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import Article
from core import ratelimit
from core.csrf import csrf_passes
from core.http import HttpResponseSeeOther, client_ip

from . import moderation, pages
from .forms import CommentForm, renewed
from .models import Comment
from .refusals import back_to_form

MINE_COOKIE = "newsroom_comments"
MINE_SALT = "comments.mine"
MINE_LIMIT = 50


def own_comment_ids(request):
    """Comments this browser posted, so their authors see them while they wait."""
    try:
        value = request.get_signed_cookie(MINE_COOKIE, salt=MINE_SALT, max_age=60 * 60 * 24 * 60)
    except (KeyError, signing.BadSignature):
        return []
    return [int(part) for part in value.split(".") if part.isdigit()][-MINE_LIMIT:]


def remember_own_comment(request, response, comment):
    ids = [*own_comment_ids(request), comment.pk][-MINE_LIMIT:]
    response.set_signed_cookie(
        MINE_COOKIE,
        ".".join(str(pk) for pk in dict.fromkeys(ids)),
        salt=MINE_SALT,
        max_age=60 * 60 * 24 * 60,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


CONFIRM = "Please check your comment and press “Post Comment” to send it."


# Article pages are cached and shared, so the form in them carries no CSRF or form
# token until the page's script fills them in. Without JavaScript the first post
# arrives without them: instead of a bare 403 the reader gets the form back, their
# words intact and the tokens filled in, and sends it again. Nothing is stored
# from a request that fails the CSRF check, so a forged post stores nothing either.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def post_comment(request, pk):
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    if request.method != "POST":
        # Reloading after a post, or a link someone shared: the article's form.
        return HttpResponseSeeOther(article.get_absolute_url() + "#respond")
    form = CommentForm(request.POST)
    refused = refused_post(request, article, form)
    if refused is not None:
        return refused
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], article=article).first()
        if parent is None:
            return back_to_form(
                request,
                article,
                form,
                "The comment you replied to is not available.",
            )
    try:
        comment, created = moderation.submit(
            article=article,
            parent=parent,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            website=form.cleaned_data["website"],
            text=form.cleaned_data["text"],
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            idempotency_key=form.idempotency_key,
            moderator=moderation.can_moderate(request.user),
        )
    except moderation.Refused as refusal:
        return back_to_form(request, article, form, refusal.message)
    return thanks(request, article, comment)


def refused_post(request, article, form):
    """The answer to a post that cannot be stored as it came (over the rate limit,
    without the tokens, to a closed article, with mistakes, from a bot, from a form
    open too long), else None. A person always gets their words back."""
    retry_after = ratelimit.exceeded(request, "comment")
    if retry_after is not None:
        # Nothing is stored; the reader keeps their words and sends them again later.
        return back_to_form(request, article, renewed(form), ratelimit.MESSAGE)
    if not csrf_passes(request) or not request.POST.get("token"):
        if not moderation.comments_open(article):
            return back_to_form(request, article, form, "Comments are closed on this article.")
        return back_to_form(request, article, renewed(form), CONFIRM)
    if not moderation.comments_open(article):
        return back_to_form(request, article, form, "Comments are closed on this article.")
    if not form.is_valid():
        return back_to_form(request, article, form)
    if form.bot_reason == "too fast":
        # Nothing is stored; a person gets their words back and sends them again.
        return back_to_form(request, article, renewed(form), CONFIRM)
    if form.bot_reason:
        return render(request, "comments/refused.html", {"article": article}, status=400)
    if form.expired:
        return back_to_form(request, article, renewed(form), form.error_messages["expired"])
    return None


def thanks(request, article, comment):
    """Back to the article, at the comment, with a message saying what happens next."""
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you: your comment is published.")
    elif comment.status == Comment.Status.PENDING:
        messages.success(
            request, "Thank you: your comment is awaiting moderation and will appear once approved."
        )
    else:
        # Marked spam: the reader is told nothing a spammer could learn from.
        messages.success(request, "Thank you: your comment was received.")
    mine = [*own_comment_ids(request), comment.pk]
    response = redirect(pages.comment_url(comment, mine))
    if comment.status in {Comment.Status.APPROVED, Comment.Status.PENDING}:
        remember_own_comment(request, response, comment)
    return response


def permalink(request, pk):
    """A comment's lasting address: its page of the article's comments, at the
    comment. Comments readers cannot see are not found (moderators find them)."""
    comment = get_object_or_404(
        Comment.objects.select_related("article__section", "thread"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    mine = own_comment_ids(request)
    visible = comment.status == Comment.Status.APPROVED or (
        comment.status == Comment.Status.PENDING and comment.pk in mine
    )
    if not visible and not moderation.can_moderate(request.user):
        raise Http404("No such comment.")
    return redirect(pages.comment_url(comment, mine))


@staff_member_required
def moderate(request, pk, action):
    """The links in moderation emails: a confirmation page, then the action."""
    if action not in moderation.ACTIONS:
        raise Http404("No such action.")
    if not moderation.can_moderate(request.user):
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("article__section"), pk=pk)
    if request.method == "POST":
        moderation.ACTIONS[action](comment, by=request.user)
        messages.success(request, f"Comment by {comment.name}: {comment.get_status_display()}.")
        return redirect(reverse("admin:comments_comment_changelist") + "?status__exact=pending")
    if request.method != "GET":
        return HttpResponseBadRequest()
    return render(
        request,
        "comments/moderate_confirm.html",
        {"comment": comment, "action": action, "title": "Moderate a comment"},
    )
