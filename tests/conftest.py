import os
import shutil

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.test import Client

from images.models import CaptionedImage

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Uploaded originals live outside MEDIA_ROOT; a test keeps them in its own folder.
    monkeypatch.setattr(
        CaptionedImage._meta.get_field("original"),
        "storage",
        FileSystemStorage(location=tmp_path / "private"),
    )
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    """A staff member of the Editors group (created by a migration)."""
    return UserFactory(is_staff=True, groups=["Editors"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer(db):
    """A staff member of the Writers group: their own articles, until published."""
    return UserFactory(is_staff=True, groups=["Writers"])


@pytest.fixture
def writer_client(writer):
    client = Client()
    client.force_login(writer)
    return client


@pytest.fixture
def moderator(db):
    """A staff member of the Moderators group: reader comments only."""
    return UserFactory(is_staff=True, groups=["Moderators"])


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def chromium_path():
    path = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
    return path if shutil.which(path) else None


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium): browser tests cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
