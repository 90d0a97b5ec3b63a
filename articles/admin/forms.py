"""The article's change form, and the rule every article picker follows."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.text import slugify

from .. import blocks
from .. import body as body_rules
from ..editorial import permissions, workflow
from ..models import Article
from .widgets import TagAutocompleteWidget


def for_user(form, user):
    """The admin's form class with `user` given to every instance (the gate asks
    who is saving)."""

    class FormForUser(form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, user=user, **kwargs)

    return FormForUser


class VisibleArticlesMixin:
    """Every field that takes an article offers, and accepts, only the articles
    this person may see (articles/editorial/permissions.py): a draft's id sent
    in a form is refused, and its headline never shown."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Article:
            kwargs["queryset"] = permissions.visible_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ArticleAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_note = forms.CharField(
        label="Note to the writer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you send an article in review back to draft.",
    )
    revoke_previews = forms.BooleanField(
        label="Revoke share-preview links",
        required=False,
        help_text="Every preview link given out so far stops working.",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {"tags": TagAutocompleteWidget}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        if "slug" in self.fields:
            # A draft needs only a headline: the address follows from it when left empty.
            self.fields["slug"].required = False
        if "status" in self.fields and user is not None and not permissions.is_editor(user):
            self.fields["status"].choices = [
                (Article.Status.DRAFT, "Draft"),
                (Article.Status.REVIEW, "In review (submit to the editors)"),
            ]

    def clean_body(self):
        """A related story placed in the body is one this person may see (the rule
        every article picker follows); one already linked when the form opened
        stays, whoever placed it."""
        body = self.cleaned_data.get("body", "")
        linked = {
            ref.number("article")
            for ref in blocks.refs(body_rules.sanitize(body))
            if ref.kind == "related" and ref.number("article") is not None
        }
        if not linked or self.user is None:
            return body
        allowed = set(
            permissions.visible_articles(self.user)
            .filter(pk__in=linked)
            .values_list("pk", flat=True)
        )
        if self.instance.pk:
            allowed |= set(self.instance.related_links.values_list("target_id", flat=True))
        if linked - allowed:
            raise ValidationError(
                "A related story in the body is not one you may link to. Remove it and "
                "choose another with the Related button."
            )
        return body

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if "slug" in self.fields and not cleaned.get("slug") and "slug" not in self.errors:
            cleaned["slug"] = slugify(cleaned.get("headline", ""))[:200] or "article"
        self._ask_what_is_missing(cleaned)
        if article.pk:
            # Refuse a save made over someone else's: lock the row for the rest of
            # this request and compare versions.
            current = (
                Article.objects.select_for_update()
                .filter(pk=article.pk)
                .values_list("version", "modified_at")
                .first()
            )
            loaded = cleaned.get("loaded_version")
            if current and loaded is not None and current[0] != loaded:
                raise forms.ValidationError(
                    "Someone else saved this article at %(time)s, after you opened it. "
                    "Your version was not saved and is still in this form: copy your "
                    "changes, reload the page and apply them again.",
                    code="stale",
                    params={"time": f"{timezone.localtime(current[1]):%H:%M:%S}"},
                )
        return cleaned

    def _ask_what_is_missing(self, cleaned):
        """The workflow's answer to "what does the article need for the state it is
        going to?", on each field (before the database's own last guard speaks)."""
        fields = {"status": self.instance.status, "standfirst": "", "section": None}
        probe = Article(**{name: cleaned.get(name, fields[name]) for name in fields})
        for name, message in workflow.missing(probe).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)

    def _post_clean(self):
        """With the form's values on the article, ask the workflow gate whether this
        person may save it: a refusal is a message on the form, nothing is saved."""
        super()._post_clean()
        if self.user is None or self.errors:
            return
        stored = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        try:
            workflow.check(
                self.user, stored, self.instance, note=self.cleaned_data.get("review_note", "")
            )
        except ValidationError as error:
            self.add_error(None, error)
        except PermissionDenied as error:
            self.add_error("status" if "status" in self.fields else None, str(error))
