"""The page cache's receivers, and `watch`, which connects a model's own signals
to them. Apps connect their models in their AppConfig.ready(); the page cache
keeps no list of them."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import generations


def _new_generation_after_commit():
    generations.new_generation()


def content_changed(**kwargs):
    """Receiver: published content changed; new generation once it is committed.

    Queued once per transaction, however many rows it saves (an import saves
    thousands in one)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _new_generation_after_commit for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_generation_after_commit)


def page_changed(path, **kwargs):
    """Receiver: the page at `path` is stale once the transaction commits."""
    transaction.on_commit(lambda: generations.new_page_version(path))


def watch(*models):
    """Every save or delete of these models, and every change to the many-to-many
    rows they hold (taggit's tags, an article's authors), makes every cached page
    stale."""
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page:{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-:{model}")
        m2m_changed.connect(content_changed, sender=model, dispatch_uid=f"page-m2m:{model}")
