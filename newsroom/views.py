"""Project-level endpoints: health check and the benchmark's ceiling."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

CEILING_BODY = b"x" * 60 * 1024


@never_cache
def health(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def ceiling(request):
    """The benchmark's ceiling: fixed 60 KB from a bare view in the same server
    (only routed when NEWSROOM_BENCH_CEILING is on)."""
    return HttpResponse(CEILING_BODY, content_type="text/html; charset=utf-8")
