"""The editors' desk: autosaved copies of the change form, and who has an article
open. Neither ever changes the article itself (articles/editorial/desk.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .articles import Article


class Autosave(models.Model):
    """What one person's change form held, saved every 30 seconds and on leaving a
    field, so a closed tab or a crash loses nothing. One per person and article
    (and one for the new article a person is writing); the article's own save
    discards it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name="article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
        help_text="Empty for a new article not saved yet.",
    )
    data = models.JSONField(
        "form fields", default=list, help_text="The form's fields as [name, value] pairs."
    )
    based_on = models.PositiveIntegerField(
        "article version",
        null=True,
        blank=True,
        help_text="The article's version when the form was opened.",
    )
    saved_at = models.DateTimeField("autosaved")

    class Meta:
        verbose_name = "autosave"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                name="autosave_one_per_person_and_article",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_one_new_article_per_person",
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.article or 'a new article'} by {self.user}"


class EditLock(models.Model):
    """Who has the article open in the admin, since when, and when their page last
    said so. A lock not renewed for a while is nobody's."""

    article = models.OneToOneField(
        Article,
        verbose_name="article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="edit_lock",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="editing",
        on_delete=models.CASCADE,
        related_name="+",
    )
    since = models.DateTimeField("editing since")
    seen_at = models.DateTimeField("last heard from")

    class Meta:
        verbose_name = "edit lock"

    def __str__(self):
        return f"{self.article} (open by {self.user})"
