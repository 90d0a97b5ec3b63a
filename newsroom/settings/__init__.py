"""Newsroom's settings, one module per way of running it: base.py (manage.py:
`make run` and every management command), production.py (newsroom/wsgi.py and
newsroom/asgi.py: `make serve`) and test.py (the test suite). Each process names
its module in DJANGO_SETTINGS_MODULE; nothing guesses from how it was started."""
