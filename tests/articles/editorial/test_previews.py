"""Share links that show a draft to anyone who has one, until they expire or are revoked."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.editorial import previews
from articles.models import ArticleEvent
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
)
from tests.helpers.html import text

pytestmark = pytest.mark.django_db


class TestPreviews:
    def test_share_link_shows_the_draft_to_anyone(self, editor_client):
        article = ArticleFactory(headline="Secret draft")
        html = editor_client.get(change_url(article)).content.decode()
        link = re.search(r'href="(/preview/[^"]+/)"', html).group(1)
        response = Client().get(link)
        assert response.status_code == 200
        assert "Secret draft" in text(response)
        assert "shared preview" in text(response)
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_expired_revoked_and_tampered_links(
        self, client, editor_client, time_machine, settings
    ):
        settings.NEWSROOM_PREVIEW_HOURS = 48
        article = ArticleFactory()
        link = previews.link(article)
        assert client.get(link[:-3] + "xx/").status_code == 404
        time_machine.move_to(timezone.now() + timedelta(hours=49))
        assert client.get(link).status_code == 404
        time_machine.move_to(timezone.now() - timedelta(hours=49))
        fresh = previews.link(article)
        assert client.get(fresh).status_code == 200
        editor_client.post(change_url(article), change_data(article, revoke_previews="on"))
        assert client.get(fresh).status_code == 404
        assert ArticleEvent.objects.filter(action="preview_revoked").exists()

    def test_link_to_a_published_article_goes_to_it(self, client):
        article = ArticleFactory(published=True)
        response = client.get(previews.link(article))
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()
