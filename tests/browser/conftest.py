import pytest


@pytest.fixture(autouse=True)
def _production_page_cache(settings):
    """Browser tests see the site as readers do: article pages come from the shared
    page cache, and the page's script fills in this reader's tokens and state."""
    settings.NEWSROOM_PAGE_CACHE = True
