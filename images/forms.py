"""The image library's admin form: upload safely, describe, place the focal point
and, where the automatic crop will not do, draw a crop by hand."""

from django import forms
from django.conf import settings
from django.utils.html import format_html

from . import stash, validation
from .crops import SHAPES, override_box
from .models import CaptionedImage, Crop

CROP_FIELDS = {"crop_wide": Crop.WIDE, "crop_square": Crop.SQUARE}


class KeptFileInput(forms.FileInput):
    """A file input that shows the file already uploaded and kept (images/stash.py),
    so the editor is never asked to choose it again. static/js/image-upload.js
    sends a chosen file at once, with a progress bar, and fills in the same kept
    preview; without JavaScript the form sends the file and the server keeps it."""

    kept = None  # (file name, thumbnail address), set by the form

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        if not self.kept:
            return format_html('<div class="kept-upload-slot"></div>{}', field)
        filename, thumbnail = self.kept
        return format_html(
            '<div class="kept-upload-slot"><figure class="kept-upload" data-testid="kept-upload">'
            '<img src="{}" alt="" width="120"><figcaption>Uploaded: <strong>{}</strong>. '
            "It is kept: choose another file only to replace it.</figcaption></figure></div>{}",
            thumbnail,
            filename,
            field,
        )


class CaptionedImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="image file",
        widget=KeptFileInput(attrs={"accept": validation.ACCEPT}),
        help_text="",  # set in __init__: it names the limits in force
    )
    # The token of an upload kept from an earlier try (or sent ahead by script).
    stashed_upload = forms.CharField(required=False, widget=forms.HiddenInput)
    crop_wide = forms.CharField(
        label="16:9 crop (cards)",
        required=False,
        help_text="Empty: cut around the focal point. Otherwise left, top and width in "
        "per cent of the picture, e.g. “10, 5, 60”: choose “16:9 crop” above the "
        "picture and drag across it.",
    )
    crop_square = forms.CharField(
        label="1:1 crop (thumbnails)",
        required=False,
        help_text="Like the 16:9 crop, for square thumbnails and author photos.",
    )

    class Meta:
        model = CaptionedImage
        fields = ["title", "alt_text", "decorative", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
        }

    # Set by the admin (CaptionedImageAdmin.get_form): who is uploading, and where
    # the script sends a chosen file ahead of the form.
    user = None
    stash_url = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stash_token = self.data.get(self.add_prefix("stashed_upload"), "")
        self.fresh_upload = False
        upload = self.fields["upload"]
        upload.help_text = (
            f"A {validation.format_names()} photo, at most "
            f"{settings.NEWSROOM_IMAGE_MAX_UPLOAD_MB} MB and "
            f"{settings.NEWSROOM_IMAGE_MAX_PIXELS / 1_000_000:g} megapixels. Caption and "
            "credit are read from the file when it has them and you left them empty."
        )
        if self.instance.pk:
            upload.required = False
            upload.label = "replace the file"
        if self.stash_token:
            upload.required = False  # checked in clean_upload: the kept file stands in
        elif not self.is_bound and self.initial.get("stashed_upload"):
            self.show_kept(self.initial["stashed_upload"])
        if self.stash_url:
            upload.widget.attrs["data-stash-url"] = self.stash_url
        for name, crop in CROP_FIELDS.items():
            box = (self.instance.crops or {}).get(crop)
            if box:
                self.initial[name] = ", ".join(f"{value * 100:g}" for value in box)

    def show_kept(self, token):
        """Open the form on a file uploaded ahead (a picture pasted into the body
        editor, say: static/js/prose-writing.js links here with its token)."""
        try:
            upload = validation.inspect(stash.take(token, self.user))
        except forms.ValidationError:
            self.initial["stashed_upload"] = ""  # gone: the editor chooses the file
            return
        self.fields["upload"].required = False
        self.fields["upload"].widget.kept = (
            stash.filename(token, self.user),
            stash.thumbnail(upload.picture),
        )

    def clean_upload(self):
        file = self.cleaned_data.get("upload")
        if file:
            self.fresh_upload = True
            return validation.inspect(file)
        if self.stash_token:
            return validation.inspect(stash.take(self.stash_token, self.user))
        if not self.instance.pk:
            raise forms.ValidationError(self.fields["upload"].error_messages["required"])
        return None

    def full_clean(self):
        """Validate; when anything else is wrong but the file is fine, keep the file
        (stashed, shown as a thumbnail) so the next try asks only for what is missing."""
        super().full_clean()
        upload = getattr(self, "cleaned_data", {}).get("upload")
        if not upload:
            return
        if self._errors and self.fresh_upload and self.user is not None:
            self.stash_token = stash.put(upload, self.user)
            self.data = self.data.copy()
            self.data[self.add_prefix("stashed_upload")] = self.stash_token
            self.fields["upload"].required = False
        if self.stash_token:
            self.fields["upload"].widget.kept = (
                stash.filename(self.stash_token, self.user),
                stash.thumbnail(upload.picture),
            )

    def clean(self):
        cleaned = super().clean()
        image = self.instance
        if cleaned.get("upload") or not (image.width and image.height):
            return cleaned  # a new file starts again from the focal point
        crops = {}
        for name, crop in CROP_FIELDS.items():
            text = (cleaned.get(name) or "").strip()
            if not text:
                continue
            try:
                crops[crop] = override_box(text, image.width, image.height, SHAPES[crop])
            except forms.ValidationError as error:
                self.add_error(name, error)
        image.crops = crops
        return cleaned
