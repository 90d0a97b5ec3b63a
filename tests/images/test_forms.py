"""The image form: alt text, unless the image is decorative."""

import pytest

from images.models import CaptionedImage
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
)
from tests.helpers.html import soup
from tests.helpers.pictures import encoded, upload

pytestmark = pytest.mark.django_db


def test_alt_text_is_required_unless_the_image_is_decorative(editor_client, client):
    response = upload(editor_client, encoded("JPEG"), "a.jpg", alt_text="")
    assert "tick “decorative”" in response.content.decode()
    assert not CaptionedImage.objects.exists()
    response = upload(editor_client, encoded("JPEG"), "a.jpg", alt_text="", decorative="on")
    assert response.status_code == 302
    ornament = CaptionedImage.objects.get()
    assert ornament.decorative
    article = ArticleFactory(published=True)
    ArticleImageFactory(article=article, image=ornament, after_paragraph=1)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = soup(html).select_one("figure.figure:not(.figure-lead)")
    assert "" in [img.get("alt") for img in figure.select("img")]
