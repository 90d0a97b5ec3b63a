"""
The render lock: one process of the group draws a page, the others wait or are
served the stale copy (pagecache/middleware.py).

With Redis (or any cache whose `add` is atomic) the lock is a cache key set
only if absent, with a timeout so a worker that dies holding it frees it. The
file cache's `add` is a look then a write, which two processes can both pass,
so there the lock is an exclusive `flock` on a file beside the cache: the
kernel gives it to one process at a time and takes it back if that process dies.
"""

import fcntl
import hashlib
import os
import secrets

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache

LOCK_PREFIX = "page:lock:"
# The file cache's locks are this many files, whatever the number of pages: a
# page's lock is the slot its name hashes to. Two pages sharing a slot only
# take turns at drawing (rarely: a few workers draw at once among 4,096 slots).
FILE_LOCK_SLOTS = 4096


class Lock:
    """A held render lock; `release()` gives it back."""

    def __init__(self, name, token=None, fd=None):
        self.name, self.token, self.fd = name, token, fd

    def release(self):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
        elif self.token is not None:
            # Only our own: after a timeout another worker may hold it.
            if cache.get(LOCK_PREFIX + self.name) == self.token:
                cache.delete(LOCK_PREFIX + self.name)
            self.token = None


def _file_cache():
    """The file cache in use, if it is one (`cache` is a proxy to it)."""
    backend = caches["default"]
    return backend if isinstance(backend, FileBasedCache) else None


def acquire(name):
    """The lock named `name` if nobody holds it, else None. Never waits."""
    if _file_cache():
        return _acquire_file(name)
    token = secrets.token_hex(8)
    if cache.add(LOCK_PREFIX + name, token, timeout=settings.NEWSROOM_PAGE_CACHE_LOCK_SECONDS):
        return Lock(name, token=token)
    return None


def held(name):
    """Whether someone holds the lock (a waiting reader polls this)."""
    if _file_cache():
        lock = _acquire_file(name)
        if lock is None:
            return True
        lock.release()
        return False
    return cache.get(LOCK_PREFIX + name) is not None


def _acquire_file(name):
    folder = os.path.join(_file_cache()._dir, "locks")
    os.makedirs(folder, exist_ok=True)
    # The files stay (a fixed set of slots): removing one while another process
    # has it open would let two processes lock two different files.
    slot = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4]) % FILE_LOCK_SLOTS
    path = os.path.join(folder, f"{slot:04d}.lock")
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return Lock(name, fd=fd)
