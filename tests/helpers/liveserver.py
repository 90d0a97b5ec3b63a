"""A gate in front of Django's live server, shut between tests.

The live server answers in threads of the test's own process and, on in-memory
SQLite, through the test's own database connection. A request still running when
the test ends (the beacon a closing article form sends, a lock's heartbeat) would
write through that connection while the test empties the database, and a failed
flush spoils every test after it. The gate counts the requests in flight; when a
test ends it shuts, waits for them, and answers any that arrive later with 503
without touching the database.

On in-memory SQLite the gate also lets one request through at a time: the
server's threads share the test's one connection, and two requests at once (an
autosave leaving the body while the form is saved) would interleave their
transactions on it ("database table is locked"). PostgreSQL gives each thread
its own connection, as production does, and requests run side by side.
"""

import threading
from contextlib import nullcontext

from django.db import connections

WAIT_SECONDS = 30


class ServerGate:
    def __init__(self, app, *, serial):
        self.app = app
        self.turn = threading.Lock() if serial else nullcontext()
        self.open = True
        self.busy = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"The test is over."]
            self.busy += 1
        try:
            with self.turn:
                result = self.app(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
        finally:
            with self.changed:
                self.busy -= 1
                self.changed.notify_all()

    def shut(self):
        """Refuse new requests and wait for those in flight to finish."""
        with self.changed:
            self.open = False
            if not self.changed.wait_for(lambda: self.busy == 0, timeout=WAIT_SECONDS):
                raise RuntimeError(
                    f"the live server still had {self.busy} requests after {WAIT_SECONDS}s"
                )

    def reopen(self):
        with self.changed:
            self.open = True


def gate(live_server):
    """The gate in front of this live server, put there the first time it is asked for."""
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, ServerGate):
        shared = any(c.vendor == "sqlite" and c.is_in_memory_db() for c in connections.all())
        app = ServerGate(app, serial=shared)
        httpd.set_app(app)
    return app
