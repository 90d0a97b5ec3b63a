"""The demo newsroom has its standing pages, in the footer, once."""

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains

from articles.models import Page

pytestmark = pytest.mark.django_db


def test_the_demo_has_its_pages_once_and_in_the_footer(client):
    call_command("load_demo", "--no-editor")
    call_command("load_demo", "--no-editor")
    assert Page.objects.count() == 7
    assert client.get("/about/team/").status_code == 200
    assertContains(
        client.get("/"), '<a href="/corrections-policy/">Corrections policy</a>', html=True
    )


def test_the_demo_has_a_gallery_once(client):
    from articles.models import Article, Gallery
    from ops.demo.galleries import GALLERY

    call_command("load_demo", "--no-editor")
    call_command("load_demo", "--no-editor")
    (gallery,) = Gallery.objects.all()
    assert gallery.items.count() == 4
    article = Article.objects.get(slug=GALLERY["article"])
    response = client.get(article.get_absolute_url())
    assertContains(response, 'data-testid="gallery"')
    assertContains(response, "Pic: Jo Pearce")
