"""What belongs to one reader on a shared, cached article page.

The cached page carries nothing personal. Its script asks `articles:reader`
for the CSRF token, this reader's like, and whatever other apps add through
`provider` (the comments app: a form token and the reader's comments awaiting
moderation). The answer is never cached.
"""

from django.middleware.csrf import get_token

from . import likes

_providers = []


def provider(function):
    """Register `function(request, article) -> dict` to add to the reader's state."""
    _providers.append(function)
    return function


def state(request, article):
    data = {"csrf": get_token(request)}
    for function in _providers:
        data.update(function(request, article))
    return data


@provider
def like_state(request, article):
    from . import fragments

    reader = likes.reader_id(request)
    liked = bool(reader) and article.likes.filter(reader=reader).exists()
    label = fragments.render("includes/like_count.html", {"article": article})
    return {"liked": liked, "likes": article.like_count, "likes_label": " ".join(label.split())}
