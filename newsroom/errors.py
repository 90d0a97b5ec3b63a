"""Error pages that work when nothing else does.

They are rendered without the request's context processors, so they need
neither the database nor the cache: the site's name comes from settings.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# A database that does not answer (stopped, unreachable, every pooled connection
# busy past DATABASE_POOL_TIMEOUT) is an outage, not a bug: the reader gets 503
# and Retry-After instead of 500. psycopg_pool's PoolTimeout reaches us wrapped
# as Django's OperationalError.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(exception):
    return isinstance(exception, UNAVAILABLE)


def unavailable_response():
    """The branded 503 page."""
    html = loader.get_template("503.html").render({"site_name": settings.NEWSROOM_SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: the branded 500 page, or the 503 page during a database outage.

    Django calls it while handling the exception, so sys.exception() is the
    error, wherever it was raised (a view, a middleware, a template)."""
    if database_unavailable(sys.exception()):
        return unavailable_response()
    html = loader.get_template(template_name).render({"site_name": settings.NEWSROOM_SITE_NAME})
    response = HttpResponse(html, status=500)
    response["Cache-Control"] = "no-store"
    return response
