"""The body editor's block endpoints (articles/admin/blocks.py): finding what to
place, drawing a block as readers will see it, and adding an uploaded picture to
the library; each only for who may write articles, and never showing an article
the person may not see."""

import pytest
from django.urls import reverse

from images import stash
from images.models import CaptionedImage
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
    CaptionedImageFactory,
    UserFactory,
    picture_file,
)

pytestmark = pytest.mark.django_db

BLOCKS = reverse("admin:articles_article_blocks")
ADD_IMAGE = reverse("admin:articles_article_block_image")


def finds(client, kind, term=""):
    response = client.get(BLOCKS, {"find": kind, "q": term})
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def shown(client, markup):
    return client.get(BLOCKS, {"show": markup})


def test_finds_library_images_articles_and_galleries(editor_client):
    CaptionedImageFactory(title="Harbour at dawn", caption="Boats")
    CaptionedImageFactory(title="Council chamber")
    ArticleFactory(published=True, headline="Cable patrols stepped up")
    ArticleFactory(headline="Ferry strike draft")
    assert finds(editor_client, "image", "harbour") == ["Harbour at dawn"]
    assert finds(editor_client, "related", "cable") == ["Cable patrols stepped up"]
    assert "Ferry strike draft" in finds(editor_client, "related")
    response = editor_client.get(BLOCKS, {"find": "nonsense"})
    assert response.status_code == 400
    assert "image, related or gallery" in response.json()["error"]


def test_a_writer_finds_and_sees_no_one_elses_draft(writer_client):
    secret = ArticleFactory(headline="Colleague's unannounced draft")
    assert finds(writer_client, "related", "unannounced") == []
    markup = f'<aside data-block="related" data-article="{secret.pk}"></aside>'
    response = shown(writer_client, markup)
    assert response.status_code == 404
    assert "unannounced" not in response.content.decode()


def test_shows_an_image_block_as_readers_will_see_it(editor_client):
    image = CaptionedImageFactory(caption="Divers at work", credit="Les Whitfield")
    response = shown(editor_client, f'<figure data-block="image" data-image="{image.pk}"></figure>')
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Divers at work" in html
    assert "Pic: Les Whitfield" in html
    assert image.image.url in html


def test_shows_a_related_story_and_says_when_it_is_not_published(editor_client):
    target = ArticleFactory(headline="Ferry strike talks")
    html = shown(editor_client, f'<aside data-block="related" data-article="{target.pk}"></aside>')
    assert "Ferry strike talks" in html.json()["html"]
    assert "only while it is published" in html.json()["html"]
    target.status, target.published_at = "published", None
    target.save()
    html = shown(editor_client, f'<aside data-block="related" data-article="{target.pk}"></aside>')
    assert "only while it is published" not in html.json()["html"]


def test_shows_an_embed_with_its_provider_and_refuses_an_address_it_cannot_embed(editor_client):
    markup = (
        '<figure data-block="embed" data-url="https://www.youtube.com/watch?v=abcdefghijk" '
        'data-title="The statement"></figure>'
    )
    html = shown(editor_client, markup).json()["html"]
    assert "YouTube" in html
    assert "The statement" in html
    refused = shown(
        editor_client, '<figure data-block="embed" data-url="https://example.org/x"></figure>'
    )
    assert refused.status_code == 404
    assert shown(editor_client, "<p>just words</p>").status_code == 400


def test_a_missing_image_is_said_so(editor_client):
    response = shown(editor_client, '<figure data-block="image" data-image="999999"></figure>')
    assert response.status_code == 404
    assert "no longer there" in response.json()["error"]


def test_an_uploaded_picture_joins_the_library_once_described(editor_client, editor):
    from images import validation

    token = stash.put(validation.inspect(picture_file(name="harbour.jpg")), editor)
    refused = editor_client.post(ADD_IMAGE, {"stashed_upload": token, "caption": "Harbour"})
    assert refused.status_code == 400
    assert "alt_text" in refused.json()["errors"]
    assert not CaptionedImage.objects.filter(caption="Harbour").exists()
    # The kept upload is still there: only the alt text is asked for.
    answer = editor_client.post(
        ADD_IMAGE,
        {
            "stashed_upload": token,
            "alt_text": "Boats in the harbour",
            "caption": "Harbour",
            "credit": "Maya Okafor",
        },  # fmt: skip
    ).json()
    image = CaptionedImage.objects.get(pk=answer["id"])
    assert (image.alt_text, image.caption, image.credit) == (
        "Boats in the harbour",
        "Harbour",
        "Maya Okafor",
    )
    assert image.uploaded_by == editor
    assert answer["markup"] == f'<figure data-block="image" data-image="{image.pk}"></figure>'


def test_only_who_writes_articles_may_use_them(client, moderator_client):
    assert client.get(BLOCKS, {"find": "image"}).status_code == 302  # to the login
    assert moderator_client.get(BLOCKS, {"find": "image"}).status_code == 403
    assert moderator_client.post(ADD_IMAGE, {}).status_code == 403
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(BLOCKS, {"find": "related"}).status_code == 403


def test_a_writer_cannot_place_someone_elses_draft_as_a_related_story(writer_client, writer):
    secret = ArticleFactory(headline="Colleague's unannounced draft")
    public = ArticleFactory(published=True, headline="Cable patrols stepped up")
    own = ArticleFactory(headline="Writer's draft", created_by=writer, body="<p>One.</p>")
    for target, allowed in ((secret, False), (public, True)):
        body = f'<p>One.</p><aside data-block="related" data-article="{target.pk}"></aside>'
        own.refresh_from_db()
        response = writer_client.post(change_url(own), change_data(own, body=body))
        own.refresh_from_db()
        if allowed:
            assert response.status_code == 302
            assert own.related_links.get().target == public
        else:
            assert response.status_code == 200
            assert "not one you may link to" in response.content.decode()
            assert "data-block" not in own.body
            assert not own.related_links.exists()
