"""Reader likes: one row per reader and article (see articles/likes.py)."""

from django.db import models
from django.utils import timezone

from .articles import Article


class Like(models.Model):
    """One reader likes one article. The reader is not an account but the random
    identifier kept in their browser's signed cookie (see articles/likes.py)."""

    article = models.ForeignKey(
        Article,
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="likes",
        # The unique (article, reader) index starts with the article: it serves
        # look-ups by article, so a second index would only slow every like down.
        db_index=False,
    )
    reader = models.CharField(
        "reader",
        max_length=64,
        help_text="The anonymous identifier of the reader's browser.",
    )
    created_at = models.DateTimeField("liked", default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        # This week's likes, for "Most liked this week" (articles/discovery/frontpage.py).
        indexes = [models.Index(fields=["created_at"], name="like_created_idx")]
        verbose_name = "like"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reader"],
                name="like_once_per_reader",
                violation_error_message="This reader already likes this article.",
            )
        ]

    def __str__(self):
        return f"{self.reader} likes {self.article_id}"
