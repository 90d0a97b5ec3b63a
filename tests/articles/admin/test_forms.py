"""The article's admin form: a second editor's save never overwrites the first's."""

import pytest

from articles.models import Article
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
)

pytestmark = pytest.mark.django_db


class TestConcurrentEditing:
    def test_second_save_is_refused_and_keeps_the_text(self, editor_client):
        article = ArticleFactory(headline="Original")
        first_form = change_data(article, headline="Editor A's headline")
        second_form = change_data(
            article, headline="Editor B's headline", body="<p>B's precious paragraph.</p>"
        )
        assert editor_client.post(change_url(article), first_form).status_code == 302
        response = editor_client.post(change_url(article), second_form)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Someone else saved this article" in html
        assert "B&#x27;s precious paragraph." in html or "B's precious paragraph." in html
        assert Article.objects.get().headline == "Editor A's headline"
