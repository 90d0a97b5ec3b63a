"""The front page is one page: a ?page=N (the README once promised it) leads to
its one address instead of answering the same page under countless others."""

import pytest

from tests.helpers.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["?page=2", "?page=1", "?page=999999", "?page=x", "?page="])
def test_page_numbers_lead_to_the_front_page(client, query):
    ArticleFactory(published=True, headline="On the front page")
    response = client.get("/" + query)
    assert response.status_code == 301
    assert response["Location"] == "/"
    assert "On the front page" in client.get(response["Location"]).content.decode()


def test_the_front_page_itself_answers(client):
    assert client.get("/").status_code == 200
