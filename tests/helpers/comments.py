"""Reader comments: the form as a reader's browser fills it, posting it, and
comments made directly through the moderation rules."""

import re
from datetime import timedelta

from django.urls import reverse

from comments import moderation
from comments.models import Comment


def form_data(client, article, query="", **fields):
    html = client.get(article.get_absolute_url() + query).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = {
        "name": "Jane Reader",
        "email": "jane@example.com",
        "website": "",
        "text": "A thoughtful comment.",
        "parent": "",
        "token": token,
        "homepage": "",
    }
    data.update(fields)
    return data


def post(client, article, data, ip="198.51.100.7"):
    return client.post(reverse("comments:post", args=[article.pk]), data, REMOTE_ADDR=ip)


def make_comment(article, status=Comment.Status.APPROVED, **fields):
    values = {"name": "Reader", "email": "reader@example.com", "text": "Hello"} | fields
    comment, _ = moderation.submit(article=article, moderator=True, **values)
    # Made an hour ago, so the flood rule does not see it.
    comment.submitted_at -= timedelta(hours=1)
    comment.save(update_fields=["submitted_at"])
    if status != Comment.Status.APPROVED:
        moderation.ACTIONS[{"pending": "restore", "spam": "spam", "removed": "remove"}[status]](
            comment
        )
    return comment
