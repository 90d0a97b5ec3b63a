"""Caption and credit from an image file's own metadata (IPTC or XMP, as agencies
and photo desks send them)."""

from PIL import IptcImagePlugin


def read_credits(image):
    """Caption and credit from the file's XMP or IPTC metadata, when it has them.

    Caption: dc:description, else IPTC 2:120. Credit: the photographer (dc:creator,
    IPTC 2:80) and the agency (photoshop:Credit, IPTC 2:110), else the copyright
    notice (dc:rights, IPTC 2:116).
    """
    try:
        xmp = image.getxmp()
    except Exception:
        xmp = {}
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:
        iptc = {}
    caption = _xmp_text(xmp, "description") or _iptc_text(iptc, (2, 120))
    byline = _xmp_text(xmp, "creator") or _iptc_text(iptc, (2, 80))
    agency = _xmp_text(xmp, "Credit") or _iptc_text(iptc, (2, 110))
    credit = " / ".join(dict.fromkeys(part for part in (byline, agency) if part))
    if not credit:
        rights = _xmp_text(xmp, "rights") or _iptc_text(iptc, (2, 116))
        credit = rights.removeprefix("©").removeprefix("(c)").removeprefix("Copyright").strip()
    return _plain(caption)[:500], _plain(credit)[:200]


def _plain(text):
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def _xmp_find(node, name):
    if isinstance(node, dict):
        if name in node:
            return node[name]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _xmp_find(child, name)
        if found is not None:
            return found
    return None


def _xmp_value(node):
    if isinstance(node, str):
        return node.strip()
    if isinstance(node, list):
        return next((text for text in map(_xmp_value, node) if text), "")
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            return node["text"].strip()
        for key in ("Alt", "Seq", "Bag", "li"):
            if key in node:
                return _xmp_value(node[key])
    return ""


def _xmp_text(xmp, name):
    return _xmp_value(_xmp_find(xmp, name))


def _iptc_text(iptc, key):
    value = iptc.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if not value:
        return ""
    try:
        return value.decode("utf-8").strip()
    except UnicodeDecodeError:
        return value.decode("latin-1").strip()
