"""What a refused comment carries to the form (comments/refusals.py): the reader's
words and the reasons, once, for that article, then nothing more."""

import re

import pytest
from django.test import Client

from tests.helpers.factories import ArticleFactory

from .helpers import at_the_form

pytestmark = pytest.mark.django_db


def refused(client, article, **fields):
    html = client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = {"name": "Jane", "email": "not-an-email", "text": "Words to keep.", "token": token}
    return client.post(f"/comments/post/{article.pk}/", data | fields)


def test_the_words_go_to_that_article_once(client):
    article = ArticleFactory(published=True)
    page = at_the_form(client, refused(client, article), article)
    assert "Words to keep." in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    again = client.get(article.get_absolute_url()).content.decode()
    assert "Words to keep." not in again
    assert "Enter a valid email address." not in again


def test_a_reader_who_goes_elsewhere_leaves_them_behind(client):
    article, other = ArticleFactory(published=True), ArticleFactory(published=True)
    response = refused(client, article)
    elsewhere = client.get(other.get_absolute_url())
    assert "Words to keep." not in elsewhere.content.decode()
    assert elsewhere.cookies["sessionid"]["max-age"] == 0  # the session cookie goes
    del client.cookies["sessionid"]
    assert "Words to keep." not in client.get(response["Location"]).content.decode()


def test_a_logged_in_editor_stays_logged_in(editor_client):
    article = ArticleFactory(published=True)
    page = at_the_form(editor_client, refused(editor_client, article), article)
    assert "Words to keep." in page.content.decode()
    assert editor_client.get("/admin/").status_code == 200


def test_nothing_is_kept_without_a_refusal(client):
    article = ArticleFactory(published=True)
    response = refused(client, article, email="jane@example.com")
    assert response.status_code == 302
    assert "sessionid" not in response.cookies
    assert "sessionid" not in Client().get(article.get_absolute_url()).cookies
