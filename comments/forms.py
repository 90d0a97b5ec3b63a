import functools
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.renderers import Jinja2

from articles import fragments

from . import hidden

TOKEN_SALT = "comments.form-token"  # noqa: S105 - a signing salt, not a secret


def new_token():
    """A signed submission key and the time the form was drawn."""
    return signing.dumps({"k": uuid.uuid4().hex, "t": int(time.time())}, salt=TOKEN_SALT)


class CommentForm(forms.Form):
    # Drawn under every article: Django's widget templates in their Jinja2 form
    # (the same HTML), a fraction of the template engine's time on each page.
    default_renderer = Jinja2()

    name = forms.CharField(label="Name", max_length=100)
    email = forms.EmailField(
        label="Email", max_length=254, help_text="Never shown. Used only if we need to reach you."
    )
    website = forms.URLField(label="Website", max_length=200, required=False, assume_scheme="https")
    text = forms.CharField(
        label="Comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="Plain text, up to 5,000 characters. Web addresses become links.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from screen readers; bots fill it in.
    homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    error_messages = {
        "expired": "This form was open for more than a day. Please check your comment and "
        "send it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_token())
        for field in self.fields.values():
            # Browsers cut pasted text at maxlength without a word; the server says
            # what is too long instead, and keeps every character the reader wrote.
            field.widget.attrs.pop("maxlength", None)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        self.bot_reason = None
        self.expired = False
        self.idempotency_key = None

    def clean_name(self):
        # Stripped: what is left is what everyone sees, so that is what is stored.
        name = hidden.removed(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("Please write a name people can see.")
        return name

    def clean_website(self):
        # Refused, not stripped: an address is followed, and one changed behind
        # the reader's back could lead somewhere else than they meant.
        website = self.cleaned_data["website"]
        found = hidden.characters(website)
        if found:
            raise forms.ValidationError(
                "This web address holds a character nobody can see (%(characters)s). "
                "Please type the address again.",
                params={"characters": ", ".join(found)},
            )
        return website

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Please write a comment.")
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            self.bot_reason = "honeypot"
            return cleaned
        try:
            token = signing.loads(cleaned.get("token", ""), salt=TOKEN_SALT)
            drawn, key = int(token["t"]), uuid.UUID(token["k"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.bot_reason = "bad token"
            return cleaned
        age = time.time() - drawn
        if age < settings.NEWSROOM_COMMENTS_MIN_SECONDS:
            self.bot_reason = "too fast"
        elif age > settings.NEWSROOM_COMMENTS_MAX_FORM_AGE:
            self.expired = True
        self.idempotency_key = key
        return cleaned


def renewed(form):
    """The same form with the reader's words and a fresh token (for "please resubmit")."""
    data = form.data.copy()
    data["token"] = new_token()
    renewed_form = CommentForm(data)
    renewed_form.is_valid()
    return renewed_form


def fields_of(form):
    """The HTML of `form`'s fields (comments/fields.html); a form holding
    nobody's words (None) is the same for every reader and every article, and
    is drawn once per process."""
    if form is None:
        return _blank_fields()
    return fragments.render("comments/fields.html", {"form": form})


@functools.cache
def _blank_fields():
    return fragments.render("comments/fields.html", {"form": CommentForm(initial={"token": ""})})
