"""What the import tells the person running it: the summary and its progress."""

import pytest

from tests.helpers.wordpress import (
    GAZETTE,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_summary_and_progress(gazette, uploads):
    summary, progress = run_import(GAZETTE, uploads)
    assert "Imported https://gazette.example.com (WXR 1.2)." in summary
    assert "Reading the export (1 of 2: authors, sections, tags and pictures): 100%" in progress
    assert "Reading the export (2 of 2: posts and comments): 100%" in progress
    first = gazette.splitlines()
    assert "  Articles: 9 created, 0 updated" in first
    assert "  Comments: 5 created, 0 updated" in first
    assert "  Authors: 2 created, 0 updated" in first
    assert "  Articles: 0 created, 9 updated" in summary.splitlines()
