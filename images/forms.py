"""The image library's admin form: upload safely, describe, place the focal point
and, where the automatic crop will not do, draw a crop by hand."""

from django import forms
from django.conf import settings

from . import validation
from .crops import SHAPES, override_box
from .models import CaptionedImage, Crop

CROP_FIELDS = {"crop_wide": Crop.WIDE, "crop_square": Crop.SQUARE}


class CaptionedImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="image file",
        widget=forms.FileInput(attrs={"accept": validation.ACCEPT}),
        help_text="",  # set in __init__: it names the limits in force
    )
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        for name, crop in CROP_FIELDS.items():
            box = (self.instance.crops or {}).get(crop)
            if box:
                self.initial[name] = ", ".join(f"{value * 100:g}" for value in box)

    def clean_upload(self):
        file = self.cleaned_data.get("upload")
        return validation.inspect(file) if file else None

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
