"""The VCL for Varnish in front (manage.py varnish_vcl, which make serve-cache runs):
the backend's address, and the same tracking parameters as the page cache left
out of Varnish's keys. tests/pagecache/test_varnish.py runs it in a real Varnish."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def vcl(**options):
    out = StringIO()
    call_command("varnish_vcl", stdout=out, **options)
    return out.getvalue()


def stripped(text, url):
    """`url` as the VCL's vcl_recv leaves it (its two regsubs, run by Python's re)."""
    pattern = re.search(r'regsuball\(req\.url, "([^"]+)", ""\)', text)[1]
    return re.sub(r"[?&]+$", "", re.sub(pattern, "", url))


def test_the_backend_is_the_one_named():
    text = vcl(backend="127.0.0.2:8123")
    assert '.host = "127.0.0.2";' in text
    assert '.port = "8123";' in text


def test_the_sites_own_tracking_parameters_are_left_out_like_the_built_in_ones(settings):
    settings.NEWSROOM_TRACKING_PARAMETERS = ["ref", "_hsenc", "utm_extra"]
    text = vcl()
    url = "/world/story/?ref=x&page=2&_hsenc=y&utm_source=z&fbclid=q&reference=keep"
    assert stripped(text, url) == "/world/story/?page=2&reference=keep"
    # The condition that guards the rewrite names them too.
    assert re.search(r'req\.url ~ "\[\?&\]\(([^)]+)\)="', text)[1].endswith("|ref|_hsenc")


def test_without_the_setting_the_built_in_parameters_only(settings):
    settings.NEWSROOM_TRACKING_PARAMETERS = []
    assert stripped(vcl(), "/a/?ref=x&utm_medium=y") == "/a/?ref=x"


@pytest.mark.parametrize("name", ["a.b", "x|y", "q)"])
def test_a_name_the_vcl_cannot_hold_is_refused(settings, name):
    settings.NEWSROOM_TRACKING_PARAMETERS = [name]
    with pytest.raises(CommandError, match="not a parameter name"):
        vcl()


def test_a_backend_without_a_port_is_refused():
    with pytest.raises(CommandError, match="HOST:PORT"):
        vcl(backend="localhost")
