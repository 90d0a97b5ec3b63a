"""Helpers of the WordPress import's tests (more in tests/test_wordpress.py)."""


def edited(export, tmp_path, replacements, name="edited.xml"):
    """A copy of `export` in tmp_path with each of `replacements` (old → new) made."""
    text = export.read_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path
