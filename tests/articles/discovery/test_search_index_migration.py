"""Migration 0015 gives an existing SQLite site its FTS5 search index, filled from
the articles it already has, and leaves PostgreSQL (with its own documents) alone."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from tests.helpers.factories import ArticleFactory, SectionFactory

from .page import headlines

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.migrations.0015_search_index_sqlite")


def tables():
    return set(connection.introspection.table_names())


def test_the_migration_fills_the_index_from_existing_articles_on_sqlite_only(client):
    section = SectionFactory()
    ArticleFactory(
        published=True,
        section=section,
        headline="Lighthouse keeper retires",
        body="<p>Forty years of \u201cstormy\u201d nights.</p>",
    )
    editor = SimpleNamespace(connection=connection, execute=connection.cursor().execute)
    if connection.vendor == "sqlite":
        migration.drop_search_index(apps, editor)  # as before the migration
        assert "articles_searchindex" not in tables()
    migration.create_search_index(apps, editor)
    if connection.vendor == "sqlite":
        assert "articles_searchindex" in tables()
    else:
        assert "articles_searchindex" not in tables()
    found = client.get("/search/", {"q": '"stormy" lighthouse'})
    assert headlines(found) == ["Lighthouse keeper retires"]
