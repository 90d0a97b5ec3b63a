"""Where a library image's crops fall: around the focal point, or where an editor
drew them by hand."""

from django.core.exceptions import ValidationError

from .models import Crop

# The shapes of the crops: squares are for thumbnails and author photos, 16:9
# for cards.
SHAPES = {Crop.ORIGINAL: None, Crop.WIDE: (16, 9), Crop.SQUARE: (1, 1)}


def crop_box(width, height, shape, focal=(0.5, 0.5), override=None):
    """The part of a width × height picture a crop keeps, as (left, top, right, bottom).

    Without an override, the largest box of the shape, centred on the focal point
    as far as the edges allow: the focal point is always inside it. An override
    (left, top and width as fractions of the picture) is the editor's own box.
    """
    if shape is None:
        return (0.0, 0.0, float(width), float(height))
    across, down = shape
    if width * down > height * across:
        box_width, box_height = height * across / down, float(height)
    else:
        box_width, box_height = float(width), width * down / across
    try:
        left, top, fraction = (float(value) for value in override)
    except (TypeError, ValueError):
        focal_x, focal_y = focal
        left = focal_x * width - box_width / 2
        top = focal_y * height - box_height / 2
    else:
        scale = min(1.0, max(fraction * width / box_width, 1 / box_width))
        box_width, box_height = box_width * scale, box_height * scale
        left, top = left * width, top * height
    left = min(max(left, 0.0), width - box_width)
    top = min(max(top, 0.0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def override_box(text, width, height, shape):
    """An editor's crop typed as "left, top, width" in per cent, checked against the
    picture; returns fractions, or raises ValidationError."""
    try:
        left, top, box = (float(part) for part in text.replace("%", "").split(","))
    except ValueError:
        raise ValidationError(
            "Give left, top and width in per cent, e.g. “10, 5, 80”.", code="crop"
        ) from None
    across, down = shape
    box_height = box * width * down / across / height
    if not (0 <= left < 100 and 0 <= top < 100 and box > 0):
        raise ValidationError("Left and top go from 0 to 100, and the width is more than 0.")
    if left + box > 100.5 or top + box_height > 100.5:
        raise ValidationError(
            f"This crop goes off the picture: at {box:g}% wide it is {box_height:.0f}% tall."
        )
    return [round(left / 100, 4), round(top / 100, 4), round(box / 100, 4)]
