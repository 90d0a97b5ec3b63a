import pytest


@pytest.fixture(autouse=True)
def _production_page_cache(settings):
    """Browser tests see the site as readers do: article pages come from the shared
    page cache, and the page's script fills in this reader's tokens and state."""
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def no_timed_autosaves(settings):
    """For tests on the article form: no autosave timer fires while the test tears
    its database down (autosaves come from leaving a field, which the test controls;
    each test ends on a saved form, so leaving it sends none either)."""
    settings.NEWSROOM_AUTOSAVE_SECONDS = 3600
