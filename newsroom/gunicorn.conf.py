"""gunicorn settings for `make serve` (see README: Production serving).

Threads, not processes alone: a page waits on the database or the cache for part
of its time, and threads let a worker overlap that. Each worker process has its
own bounded database pool (DATABASE_POOL_MAX_SIZE), sized to its threads.
"""

import os

bind = os.environ.get("NEWSROOM_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("NEWSROOM_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("NEWSROOM_THREADS", "4"))
timeout = 30
graceful_timeout = 10
keepalive = 5
# Requests bigger than this never reach Django (uploads are limited again there).
limit_request_line = 8190
limit_request_fields = 100
max_requests = 10000
max_requests_jitter = 1000
accesslog = os.environ.get("NEWSROOM_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("NEWSROOM_TRUSTED_PROXIES", "127.0.0.1")
