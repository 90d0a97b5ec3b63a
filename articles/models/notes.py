"""What happens to an article after it is written: public corrections and
updates, developing-story updates, the audit trail and the addresses it moved from."""

from django.db import models
from django.utils import timezone


class ArticleEvent(models.Model):
    """The article's audit trail: who did what to it, and when."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back to the writer"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"
        CORRECTED = "corrected", "Correction or update added"
        RESTORED = "restored", "Earlier version restored"
        PREVIEW_REVOKED = "preview_revoked", "Share-preview links revoked"

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "auth.User", verbose_name="by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("what", max_length=20, choices=Action)
    note = models.TextField("note", blank=True)
    at = models.DateTimeField("when", default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "history entry"
        verbose_name_plural = "audit trail"

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor or 'the system'}"


class ArticleNote(models.Model):
    """A public correction or update on a published article."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("kind", max_length=12, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        "text",
        max_length=2000,
        help_text="What was wrong and what is right now, in plain words. Shown to readers.",
    )
    created_at = models.DateTimeField("time", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        indexes = [models.Index(fields=["kind", "-created_at"], name="note_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class LiveUpdate(models.Model):
    """A short timestamped line on a developing story, shown newest first above the body."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="live_updates")
    text = models.CharField(
        "update", max_length=500, help_text="One or two sentences: what is new."
    )
    created_at = models.DateTimeField("time", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "developing-story update"

    def __str__(self):
        return self.text[:60]


class ArticleRedirect(models.Model):
    """An address an article used to have; readers who follow it get a 301."""

    old_path = models.CharField("old address", max_length=600, unique=True)
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"

    def __str__(self):
        return self.old_path
