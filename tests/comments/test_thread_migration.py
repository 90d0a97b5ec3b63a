"""Migration 0004 gives every reply that existed before it its thread (the
top-level comment it is under), however deep, so old threads page as new ones do."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from comments.models import Comment
from tests.helpers.factories import ArticleFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("comments.migrations.0004_thread")


def test_every_reply_gets_its_thread():
    article = ArticleFactory(published=True)

    def add(parent=None, n=0):
        return Comment.objects.create(
            article=article,
            parent=parent,
            name=f"Reader {n}",
            email=f"r{n}@example.com",
            text=f"Words {n}",
            status=Comment.Status.APPROVED,
            submitted_at=timezone.now(),
        )

    first, other = add(n=1), add(n=2)
    chain = [first]
    for depth in range(5):  # deeper than replies can be made on the site (WordPress imports)
        chain.append(add(chain[-1], n=10 + depth))
    side = add(other, n=20)
    Comment.objects.update(thread=None)  # as before the migration
    migration.fill_threads(apps, None)
    threads = dict(Comment.objects.values_list("pk", "thread_id"))
    assert threads[first.pk] is None
    assert threads[other.pk] is None
    assert all(threads[reply.pk] == first.pk for reply in chain[1:])
    assert threads[side.pk] == other.pk
