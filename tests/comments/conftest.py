import pytest


@pytest.fixture(autouse=True)
def _no_wait(settings):
    # The "too fast" rule has its own tests; elsewhere a form may be sent at once.
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
