"""`manage.py task_worker`: run background tasks (an upload's renditions) from the
database queue. django-tasks-db's `db_worker` with the site's logging: a failed
task is logged as an error, while the start and end of every task (INFO) stay
out of the server's output unless -v 2 asks for them."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = (
        "Run background tasks (renditions of uploaded images) from the database queue. "
        "Start as many as you like, on any machine that shares the database and media."
    )

    def configure_logging(self, verbosity):
        # db_worker turns task logging up to INFO at the default verbosity;
        # settings.LOGGING already says what an operator should see.
        if verbosity > 1:
            super().configure_logging(verbosity)
