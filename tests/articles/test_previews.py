"""Embed previews: saving an embed asks its provider's oEmbed endpoint (faked:
tests/helpers/oembed.py) for the title, author and thumbnail, keeps the thumbnail
in our media storage, and readers see it on the placeholder, with no address of the
provider's in the page but the link and the player's (used only on a click)."""

import re
import socket
import threading
from urllib.error import URLError

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles import oembed
from articles.models import EmbedPreview
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import ArticleFactory, place_block
from tests.helpers.html import soup
from tests.helpers.oembed import YOUTUBE_ANSWER, jpeg_bytes

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
OEMBED = "https://www.youtube.com/oembed?"
THUMBNAIL = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"


def youtube_answers(provider):
    provider.answer(OEMBED, YOUTUBE_ANSWER)
    provider.answer(THUMBNAIL, jpeg_bytes(), content_type="image/jpeg")


def embed_on(article, url=VIDEO, title=""):
    return place_block(article, "embed", 1, url=url, title=title)


def shown_in_editor(client, url=VIDEO):
    """The embed's block as the body editor shows it (articles/admin/blocks.py)."""
    markup = f'<figure data-block="embed" data-url="{url}"></figure>'
    answer = client.get(reverse("admin:articles_article_blocks"), {"show": markup})
    assert answer.status_code == 200
    return answer.json()["html"]


def placeholder(client, article, testid="embed-youtube"):
    page = soup(client.get(article.get_absolute_url()))
    return page, page.find(attrs={"data-testid": testid})


def test_saving_an_embed_shows_the_providers_thumbnail_stored_here(
    provider, django_capture_on_commit_callbacks
):
    youtube_answers(provider)
    article = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        embed_on(article)
    page, figure = placeholder(Client(), article)
    image = figure.find("img", attrs={"data-testid": "embed-thumbnail"})
    assert image["src"].startswith("/media/embeds/")
    assert (image["width"], image["height"]) == ("480", "360")
    assert figure.find(class_="embed-title").get_text() == "The minister's statement in full"
    assert "Parliament TV" in figure.find(class_="embed-provider").get_text()
    # Nothing of the provider's is asked for by the page: only the link to the
    # original, and the player's address that the script uses on a click.
    addresses = [
        tag.get("src") or tag.get("href") for tag in page.find_all(["img", "link", "script", "a"])
    ]
    assert not [a for a in addresses if a and re.search(r"ytimg|youtube", a) and a != VIDEO]
    assert "ytimg" not in str(page)
    assert "img-src 'self'" in Client().get(article.get_absolute_url())["Content-Security-Policy"]
    assert provider.asked[0].startswith(OEMBED)
    assert "url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ" in provider.asked[0]


def test_the_editors_title_comes_before_the_providers(provider, django_capture_on_commit_callbacks):
    youtube_answers(provider)
    article = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        embed_on(article, title="What the minister said")
    _, figure = placeholder(Client(), article)
    assert figure.find(class_="embed-title").get_text() == "What the minister said"
    assert figure.find("img")


@pytest.mark.django_db(transaction=True)
def test_the_cached_page_is_purged_when_the_thumbnail_arrives(settings, provider, task_queue):
    """Transactions commit here, as in production (the worker's save purges on commit)."""
    settings.NEWSROOM_PAGE_CACHE = True
    youtube_answers(provider)
    article = ArticleFactory(published=True)
    embed_on(article)  # queued: no worker has run yet
    Client().get(article.get_absolute_url())
    cached = Client().get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    assert soup(cached).find(attrs={"data-testid": "embed-thumbnail"}) is None
    task_queue()
    fresh = Client().get(article.get_absolute_url())
    assert fresh["X-Page-Cache"] != "hit"
    assert soup(fresh).find(attrs={"data-testid": "embed-thumbnail"})["src"].startswith("/media/")


@pytest.mark.parametrize(
    ("failure", "problem"),
    [
        (URLError(TimeoutError("timed out")), "could not be reached"),
        ((404, "application/json", b"Not Found"), "may be private, deleted"),
        ((200, "text/html", b"<html>not json</html>"), "not oEmbed JSON"),
    ],
)
def test_a_provider_that_fails_leaves_the_text_placeholder_and_says_why(
    provider, editor_client, django_capture_on_commit_callbacks, failure, problem
):
    if isinstance(failure, Exception):
        provider.fail(OEMBED, failure)
    else:
        provider.answer(OEMBED, failure[2], content_type=failure[1], status=failure[0])
    article = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        embed_on(article, title="The statement")
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    figure = soup(response).find(attrs={"data-testid": "embed-youtube"})
    assert figure.find("img") is None
    assert figure.find(class_="embed-title").get_text() == "The statement"
    preview = EmbedPreview.objects.get(url=VIDEO)
    assert preview.status == EmbedPreview.Status.FAILED
    # The editor sees why, on the embed's block in the body editor and in the
    # previews' list.
    form = shown_in_editor(editor_client)
    assert "Could not be fetched" in form
    assert problem in form
    listing = editor_client.get("/admin/articles/embedpreview/")
    assert problem in listing.content.decode()


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ((200, "text/html", b"<html></html>"), "not a picture"),
        ((200, "image/jpeg", b"GIF89a not really a picture"), "refused"),
        ((200, "image/jpeg", b"\xff" * (6 * 1024 * 1024)), "more than"),
    ],
)
def test_a_thumbnail_that_is_not_a_picture_is_refused(provider, answer, problem):
    provider.answer(OEMBED, YOUTUBE_ANSWER)
    provider.answer(THUMBNAIL, answer[2], content_type=answer[1], status=answer[0])
    article = ArticleFactory(published=True)
    embed_on(article)  # the fetch waits for a commit that never comes: the command does it
    call_command("fetch_embed_previews")
    preview = EmbedPreview.objects.get(url=VIDEO)
    assert preview.status == EmbedPreview.Status.FAILED
    assert problem in preview.problem
    assert not preview.thumbnail


@pytest.mark.parametrize(
    "address",
    [
        "http://i.ytimg.com/x.jpg",
        "https://127.0.0.1/x.jpg",
        "https://localhost/x.jpg",
        "file:///etc/passwd",
    ],
)
def test_a_thumbnail_address_off_the_public_web_is_never_asked(provider, address):
    provider.answer(OEMBED, {**YOUTUBE_ANSWER, "thumbnail_url": address})
    embed_on(ArticleFactory(published=True))
    call_command("fetch_embed_previews")
    preview = EmbedPreview.objects.get(url=VIDEO)
    assert preview.status == EmbedPreview.Status.FAILED
    assert provider.asked == [provider.asked[0]]  # the oEmbed question only


def test_a_redirect_off_the_public_web_is_not_followed(provider):
    provider.answer(OEMBED, YOUTUBE_ANSWER)
    provider.redirect(THUMBNAIL, "https://10.0.0.5/admin/secret.jpg")
    embed_on(ArticleFactory(published=True))
    call_command("fetch_embed_previews")
    preview = EmbedPreview.objects.get(url=VIDEO)
    assert preview.status == EmbedPreview.Status.FAILED
    assert "not on the public internet" in preview.problem
    assert not [a for a in provider.asked if "10.0.0.5" in a]


def test_a_redirect_to_another_public_address_is_followed(provider):
    provider.answer(OEMBED, YOUTUBE_ANSWER)
    provider.redirect(THUMBNAIL, "https://img.example.net/moved.jpg")
    provider.answer("https://img.example.net/", jpeg_bytes(), content_type="image/jpeg")
    embed_on(ArticleFactory(published=True))
    call_command("fetch_embed_previews")
    assert EmbedPreview.objects.get(url=VIDEO).status == EmbedPreview.Status.FETCHED


def test_providers_without_public_oembed_keep_the_text_placeholder(provider):
    article = ArticleFactory(published=True)
    embed_on(article, url="https://www.instagram.com/p/CxYz123/", title="A post")
    embed_on(article, url="https://cdn.example.org/a/interview.mp3", title="The interview")
    call_command("fetch_embed_previews")
    assert provider.asked == []
    statuses = set(EmbedPreview.objects.values_list("status", flat=True))
    assert statuses == {EmbedPreview.Status.NONE}
    _, figure = placeholder(Client(), article, "embed-instagram")
    assert figure.find("img") is None
    assert figure.find(class_="embed-title").get_text() == "A post"


def test_the_command_fetches_existing_embeds_once_and_again_on_request(provider, capsys):
    youtube_answers(provider)
    article = ArticleFactory(published=True)
    embed_on(article)
    embed_on(ArticleFactory(published=True))  # the same video, elsewhere: asked once
    call_command("fetch_embed_previews")
    assert "1 addresses: 1 fetched" in capsys.readouterr().out
    assert len([a for a in provider.asked if a.startswith(OEMBED)]) == 1
    _, figure = placeholder(Client(), article)
    first = figure.find("img")["src"]
    call_command("fetch_embed_previews")
    assert "0 addresses" in capsys.readouterr().out
    call_command("fetch_embed_previews", again=True)
    _, figure = placeholder(Client(), article)
    assert figure.find("img")["src"] != first  # a new file; the old one is deleted


def test_fetch_again_in_the_admin(provider, editor_client, django_capture_on_commit_callbacks):
    provider.fail(OEMBED, URLError("no route"))
    article = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        embed_on(article)
    preview = EmbedPreview.objects.get(url=VIDEO)
    assert preview.status == EmbedPreview.Status.FAILED
    youtube_answers(provider)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/articles/embedpreview/",
            {"action": "fetch_again", "_selected_action": [preview.pk]},
            follow=True,
        )
    assert "Asking the providers again for 1 preview" in response.content.decode()
    preview.refresh_from_db()
    assert preview.status == EmbedPreview.Status.FETCHED
    _, figure = placeholder(Client(), article)
    assert figure.find("img")["src"].startswith("/media/embeds/")


def test_an_embed_added_in_the_article_form_is_fetched(
    provider, editor_client, django_capture_on_commit_callbacks
):
    youtube_answers(provider)
    article = ArticleFactory(published=True, body="<p>One.</p><p>Two.</p>")
    assert "Fetched from the provider when you save" in shown_in_editor(editor_client)
    body = f'<p>One.</p><figure data-block="embed" data-url="{VIDEO}"></figure><p>Two.</p>'
    data = change_data(article, body=body)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    _, figure = placeholder(Client(), article)
    assert figure.find("img")["src"].startswith("/media/embeds/")
    assert "Fetched: The minister&#x27;s statement in full" in shown_in_editor(editor_client)


def test_writers_see_only_the_previews_of_articles_they_may_see(provider, writer_client):
    embed_on(ArticleFactory(), url="https://vimeo.com/76979871")  # someone else's draft
    call_command("fetch_embed_previews")
    listing = writer_client.get("/admin/articles/embedpreview/")
    assert listing.status_code == 200
    assert "76979871" not in listing.content.decode()


@pytest.fixture
def listener():
    """A TCP server on this machine that records every byte it is sent."""
    server = socket.create_server(("127.0.0.1", 0))
    received = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    while data := connection.recv(4096):
                        received.append(data)
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], received
    server.close()


def test_a_public_name_that_leads_to_this_machine_is_never_asked(monkeypatch, listener):
    """A name that looks public but resolves to a private address (or is made to, by
    DNS rebinding) is refused on the connected socket, before a byte is sent."""
    port, received = listener
    monkeypatch.setattr(oembed, "opener", oembed.make_opener())  # the real one
    resolve = socket.getaddrinfo

    def rebound(host, *args, **kwargs):
        return resolve("127.0.0.1" if host == "thumbs.example.com" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebound)
    with pytest.raises(oembed.Unavailable, match="not on the public internet"):
        oembed.thumbnail(f"https://thumbs.example.com:{port}/x.jpg")
    assert received == []
