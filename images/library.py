"""What other apps (and the tests) use of the image library, in one place: store
an upload, make renditions, and draw pictures from them."""

from .crops import SHAPES, crop_box, override_box
from .encoding import CONTENT_TYPES, encode
from .metadata import read_credits
from .renditions import make_renditions, picture, rendition_for, rendition_url
from .storage import delete_files, files_of, republish, save
from .validation import ACCEPT, Refused, format_names, inspect, protect_pillow

__all__ = [
    "ACCEPT",
    "CONTENT_TYPES",
    "SHAPES",
    "Refused",
    "crop_box",
    "delete_files",
    "encode",
    "files_of",
    "format_names",
    "inspect",
    "make_renditions",
    "override_box",
    "picture",
    "protect_pillow",
    "read_credits",
    "rendition_for",
    "rendition_url",
    "republish",
    "save",
]
