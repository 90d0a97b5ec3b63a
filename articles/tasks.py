"""Background tasks of articles, run by the task backend in settings.TASKS."""

from django.tasks import task

from . import previews


@task
def fetch_embed_preview(url):
    """Fetch an embedded address's preview (title, author, thumbnail) from its
    provider. Enqueued when an embed is saved; never fails for the provider's sake."""
    return previews.fetch(url).status
