"""The page cache's receivers, and `watch`, which connects a model's own signals
to them. Apps connect their models in their AppConfig.ready(), each saying what
a change of a row purges; the page cache keeps no list of them."""

from django.db.models.signals import post_delete, post_save, pre_save

from . import keys as page_keys


def content_changed(keys=None, **kwargs):
    """Receiver of signals.content_changed: purge `keys` (every page without)."""
    page_keys.purge(*(keys if keys is not None else [page_keys.SITE]))


def watch(model, purges, deleted=None, before=None):
    """Every save or delete of a `model` row purges the keys `purges(row)` names
    (`deleted(row)` for a delete, when given), once the transaction commits.
    `before(row)`, if given, runs before a save (to note what the row was)."""

    def saving(sender, instance, **kwargs):
        if not page_keys.everything_pending():
            before(instance)

    def saved(sender, instance, **kwargs):
        if not page_keys.everything_pending():
            page_keys.purge(*purges(instance))

    def removed(sender, instance, **kwargs):
        if not page_keys.everything_pending():
            page_keys.purge(*(deleted or purges)(instance))

    uid = f"page:{model._meta.label}"
    if before is not None:
        pre_save.connect(saving, sender=model, weak=False, dispatch_uid=uid + ":before")
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(removed, sender=model, weak=False, dispatch_uid=uid + ":delete")
