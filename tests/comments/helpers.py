"""What a reader's browser does with a refused comment: it follows the 303 back
to the article's form, where their words and the reasons wait."""

from urllib.parse import urlsplit


def at_the_form(client, response, article, query=""):
    """Assert `response` sends the reader back to the article's form (its own
    address, `#respond`), follow it as the browser would, and return that page."""
    assert response.status_code == 303, response.status_code
    location = urlsplit(response["Location"])
    assert location.path == article.get_absolute_url()
    assert location.fragment == "respond"
    assert location.query == query.lstrip("?")
    return client.get(response["Location"].split("#")[0])
