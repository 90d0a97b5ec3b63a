"""Reader comments ("Leave a Reply") and the word lists moderators keep."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """The one definition of what readers see: approved comments."""
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(
        Article, verbose_name="article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="in reply to",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # The thread's first comment: a page of comments is its top-level comments and
    # every reply under them, found in one query whatever the depth.
    thread = models.ForeignKey(
        "self",
        verbose_name="thread",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The top-level comment this reply is under; empty for a top-level comment.",
    )
    depth = models.PositiveSmallIntegerField(
        "depth", default=1, editable=False, help_text="1 for a comment, 2 for a reply, …"
    )
    name = models.CharField("name", max_length=100)
    email = models.EmailField("email", max_length=254, help_text="Never shown to readers.")
    website = models.URLField("website", max_length=200, blank=True)
    text = models.TextField("comment", max_length=5000)
    status = models.CharField(
        "state", max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    signals = models.JSONField(
        "spam signals",
        default=list,
        blank=True,
        help_text="Why the comment was held or marked spam.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=500, blank=True)
    submitted_at = models.DateTimeField("submitted", db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="moderated by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField("moderated", null=True, blank=True)
    idempotency_key = models.UUIDField(
        "submission key",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="From the form the reader submitted: a retried submission is stored once.",
    )
    fingerprint = models.CharField(
        "fingerprint",
        max_length=64,
        unique=True,
        editable=False,
        help_text="Article, reply-to, email and text: the same comment is stored once.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = "comment"
        permissions = [("moderate_comment", "Can moderate reader comments")]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_idx"),
            # This week's approved comments, for "Most discussed this week".
            models.Index(fields=["status", "submitted_at"], name="comment_recent_idx"),
            models.Index(fields=["ip_address", "submitted_at"], name="comment_ip_idx"),
            models.Index(Lower("email"), "submitted_at", name="comment_email_idx"),
        ]

    def __str__(self):
        return f"{self.name} on {self.article}"

    def save(self, *args, **kwargs):
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        self.thread_id = (self.parent.thread_id or self.parent_id) if self.parent_id else None
        self.fingerprint = self.make_fingerprint(
            self.article_id, self.parent_id, self.email, self.text
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The comment's permalink: it leads to the page of comments it is on."""
        return reverse("comments:permalink", args=[self.pk])

    @staticmethod
    def make_fingerprint(article_id, parent_id, email, text):
        normalised = " ".join(text.split())
        key = f"{article_id}|{parent_id or ''}|{email.strip().lower()}|{normalised}"
        return hashlib.sha256(key.encode()).hexdigest()


class ModerationWord(models.Model):
    """A word, address or fragment that holds a comment for moderation or marks it spam,
    when found in its name, email, website, text, IP address or browser."""

    class Action(models.TextChoices):
        HOLD = "hold", "Hold for moderation"
        SPAM = "spam", "Mark as spam (disallowed)"

    word = models.CharField(
        "word or fragment",
        max_length=200,
        help_text="Matched anywhere, ignoring case: “casino”, “@spam.example”, “203.0.113.”.",
    )
    action = models.CharField("what happens", max_length=10, choices=Action)
    created_at = models.DateTimeField("added", auto_now_add=True)

    class Meta:
        ordering = ["action", "word"]
        verbose_name = "moderation word"
        constraints = [
            models.UniqueConstraint(
                Lower("word"),
                "action",
                name="moderation_word_unique",
                violation_error_message="This word is already on that list.",
            )
        ]

    def __str__(self):
        return self.word
