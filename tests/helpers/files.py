"""What is stored on disk."""

from pathlib import Path


def stored_files(*folders):
    """Every file under the given folders (those that exist)."""
    return [
        path
        for folder in map(Path, folders)
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    ]
