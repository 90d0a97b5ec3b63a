"""A post's old addresses redirect to its article."""

import pytest

from tests.helpers.wordpress import (
    imported_article,
)

pytestmark = pytest.mark.django_db


def test_old_addresses_redirect_to_the_articles(gazette, client):
    harbour = imported_article(1)
    response = client.get("/2021/05/harbour-reopens/")
    assert response.status_code == 301
    assert response["Location"] == harbour.get_absolute_url()
    assert response["Location"] == "/news/world/europe/harbour-reopens/"

    # WordPress's "post name" addresses have one segment, and its slugs may be
    # non-ASCII: both still arrive.
    response = client.get("/election-night/")
    assert response.status_code == 301
    assert response["Location"] == imported_article(2).get_absolute_url()
    response = client.get("/2021/08/caf%C3%A9-opens/")
    assert response.status_code == 301
    assert response["Location"] == "/arts-culture/cafe-opens/"
    assert client.get(response["Location"]).status_code == 200

    response = client.get("/?p=2")
    assert response.status_code == 301
    assert response["Location"] == imported_article(2).get_absolute_url()

    # Not public: no redirect, nothing given away.
    assert client.get("/?p=3").status_code == 200  # a draft: the home page as usual
    assert client.get("/2021/05/holiday-rota/").status_code == 404  # private
    assert client.get("/2099/07/regatta-preview/").status_code == 404  # scheduled
    assert client.get("/no-such-post/").status_code == 404
    assert client.get("/?p=999").status_code == 200
