import os
import shutil
import signal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.tasks import task_backends
from django.test import Client
from django.utils.connection import Local
from django_tasks_db.management.commands import db_worker

from articles import oembed
from images.models import CaptionedImage
from tests.helpers.factories import ArticleFactory, SectionFactory, UserFactory
from tests.helpers.liveserver import gate
from tests.helpers.oembed import FakeProvider
from tests.helpers.wordpress import GAZETTE, picture, run_import


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


@pytest.fixture(autouse=True)
def provider(monkeypatch):
    """The embed providers' oEmbed endpoints and thumbnails (tests/helpers/oembed.py):
    every test gets one, which refuses what it was not told to answer, so nothing
    ever reaches the network."""
    fake = FakeProvider()
    monkeypatch.setattr(oembed, "opener", oembed.make_opener(fake))
    return fake


@pytest.fixture(autouse=True)
def _live_server_quiet_at_teardown(request):
    """A test with a live server ends only when the server has stopped answering it,
    before its database is emptied (see tests/helpers/liveserver.py)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    server = gate(request.getfixturevalue("live_server"))
    server.reopen()
    yield
    server.shut()


def forget_task_backends():
    """Make every thread build its task backends anew from settings.TASKS (Django
    caches them per thread and does not watch the setting)."""
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def task_queue(settings):
    """Background tasks wait in the database queue, as in production, instead of
    running at once; call the fixture to run a worker until the queue is empty."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    forget_task_backends()

    def run_worker():
        # The worker installs its own signal handlers (a real worker stops cleanly
        # on Ctrl+C); give pytest its own back.
        handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
        # A real worker closes stale connections between tasks; here the worker
        # shares the test's connection, whose transaction (autocommit off) it would
        # take for stale and close (PostgreSQL; in-memory SQLite is never closed).
        try:
            with mock.patch(f"{db_worker.__name__}.close_old_connections"):
                call_command("task_worker", batch=True, startup_delay=False, interval=0)
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    yield run_worker
    forget_task_backends()


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


@pytest.fixture
def article():
    """A published article, as most reader tests need one."""
    return ArticleFactory(published=True, headline="Ministers clash")


@pytest.fixture
def world():
    """A top-level section for listing tests to file articles in."""
    return SectionFactory(name="World News", slug="world-news")


@pytest.fixture
def uploads(tmp_path):
    """WordPress's uploads folder as copied from the old server: some files, not all."""
    folder = tmp_path / "uploads"
    picture(folder / "2021/05/harbour.jpg", "navy")
    picture(folder / "2021/06/crowd.jpg", "maroon")
    picture(folder / "2012/09/tombola.jpg", "olive")
    return folder


@pytest.fixture
def gazette(uploads):
    """The Gazette's WordPress export, imported with its uploads; returns the summary."""
    summary, _ = run_import(GAZETTE, uploads)
    return summary


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
