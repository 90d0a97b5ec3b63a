"""Production settings: what `make serve` runs (scripts/serve serves
newsroom/wsgi.py, which names this module; newsroom/asgi.py does the same).

Production is base.py as the environment configures it: every difference
between a laptop and a server is an environment variable (README: Security,
"The production environment"), so `manage.py check --deploy` with the same
environment checks what serves. What only serving needs is here:
newsroom/wsgi.py refuses to start without DJANGO_SECRET_KEY.
"""

from .base import *  # noqa: F403
