"""An upload is never chosen twice: when the image form comes back (the alt text is
missing, say), the file sent with it is kept, shown as a thumbnail, and the next
try asks only for what is missing. The script's early upload (a file sent as soon
as it is chosen, with a progress bar) is kept the same way."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.html import parse_html
from django.urls import reverse

from images.models import CaptionedImage
from tests.helpers.factories import UserFactory
from tests.helpers.pictures import encoded

pytestmark = pytest.mark.django_db

ADD = "admin:images_captionedimage_add"
STASH = "admin:images_captionedimage_stash"


def jpeg(color="seagreen"):
    return encoded("JPEG", size=(800, 500), color=color)


def form(**fields):
    return {"title": "Harbour", "alt_text": "", "caption": "", "credit": ""} | fields


def stashed_files():
    root = Path(CaptionedImage._meta.get_field("original").storage.location) / "stash"
    return sorted(root.iterdir()) if root.exists() else []


def kept_token(response):
    return response.context["adminform"].form.data["stashed_upload"]


def test_a_missing_alt_text_keeps_the_file_and_asks_only_for_the_alt_text(
    editor_client, django_capture_on_commit_callbacks
):
    data = jpeg()
    photo = SimpleUploadedFile("harbour-divers.jpg", data, content_type="image/jpeg")
    response = editor_client.post(reverse(ADD), form(upload=photo))

    assert response.status_code == 200
    sent_back = response.context["adminform"].form
    assert list(sent_back.errors) == ["alt_text"]
    assert not CaptionedImage.objects.exists()
    assert len(stashed_files()) == 1
    # The kept file is shown (a thumbnail and its name), its token rides along,
    # and the file field no longer insists on a file.
    page = parse_html(response.content.decode())
    token = kept_token(response)
    assert token
    assert parse_html(f'<input type="hidden" name="stashed_upload" value="{token}" '
                      'id="id_stashed_upload">') in page  # fmt: skip
    html = response.content.decode()
    assert 'data-testid="kept-upload"' in html
    assert "Uploaded: <strong>harbour-divers.jpg</strong>" in html
    assert 'src="data:image/jpeg;base64,' in html
    accept = sent_back.fields["upload"].widget.attrs["accept"]
    assert (
        parse_html(
            f'<input type="file" name="upload" accept="{accept}" data-stash-url="{reverse(STASH)}" '
            'aria-describedby="id_upload_helptext" id="id_upload">'  # and not required
        )
        in page
    )

    # The second try sends only the alt text: no file.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse(ADD), form(alt_text="Two divers in the harbour", stashed_upload=token)
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = CaptionedImage.objects.get()
    assert image.alt_text == "Two divers in the harbour"
    assert image.original.read() == data
    assert image.original.name.endswith("harbour-divers.jpg")
    assert image.width == 800
    assert stashed_files() == []  # used once, then deleted


def test_a_kept_file_belongs_to_its_uploader(editor_client):
    photo = SimpleUploadedFile("harbour.jpg", jpeg(), content_type="image/jpeg")
    token = kept_token(editor_client.post(reverse(ADD), form(upload=photo)))
    other = Client()
    other.force_login(UserFactory(is_staff=True, groups=["Editors"]))
    response = other.post(reverse(ADD), form(alt_text="Divers", stashed_upload=token))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == [
        "The file uploaded earlier is no longer kept (after a day it is deleted). Choose it again."
    ]
    assert not CaptionedImage.objects.exists()


def test_a_forged_token_is_refused_with_a_message(editor_client):
    response = editor_client.post(
        reverse(ADD), form(alt_text="Divers", stashed_upload="stash/../../etc/passwd")
    )
    assert response.status_code == 200
    assert "no longer kept" in response.context["adminform"].form.errors["upload"][0]


def test_no_file_at_all_is_still_required(editor_client):
    response = editor_client.post(reverse(ADD), form(alt_text="Divers"))
    assert response.context["adminform"].form.errors["upload"] == ["This field is required."]


def test_a_file_sent_ahead_is_checked_kept_and_saved_by_its_token(
    editor_client, django_capture_on_commit_callbacks
):
    data = jpeg("tomato")
    answer = editor_client.post(
        reverse(STASH), {"upload": SimpleUploadedFile("boats.jpg", data, "image/jpeg")}
    )
    assert answer.status_code == 200
    kept = answer.json()
    assert kept["filename"] == "boats.jpg"
    assert kept["thumbnail"].startswith("data:image/jpeg;base64,")
    assert len(stashed_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse(ADD), form(alt_text="Boats", stashed_upload=kept["token"])
        )
    assert response.status_code == 302
    assert CaptionedImage.objects.get().original.read() == data
    assert stashed_files() == []


def test_a_file_sent_ahead_that_is_not_a_picture_is_refused_and_not_kept(editor_client):
    answer = editor_client.post(
        reverse(STASH), {"upload": SimpleUploadedFile("notes.jpg", b"<svg></svg>", "image/jpeg")}
    )
    assert answer.status_code == 400
    assert "not a picture Newsroom accepts" in answer.json()["error"]
    assert stashed_files() == []


def test_only_people_who_may_add_images_send_files_ahead(moderator_client, client):
    photo = SimpleUploadedFile("boats.jpg", jpeg(), "image/jpeg")
    assert moderator_client.post(reverse(STASH), {"upload": photo}).status_code == 403
    assert client.post(reverse(STASH), {"upload": photo}).status_code == 302  # to log in
    assert stashed_files() == []


def test_the_form_opens_on_a_file_sent_ahead(editor_client):
    """A picture pasted into the body editor is sent ahead; its link opens the form
    with the picture kept and the pasted alt text filled in."""
    kept = editor_client.post(
        reverse(STASH), {"upload": SimpleUploadedFile("map.jpg", jpeg(), "image/jpeg")}
    ).json()
    response = editor_client.get(
        reverse(ADD), {"stashed_upload": kept["token"], "alt_text": "Map of the harbour"}
    )
    html = response.content.decode()
    assert 'data-testid="kept-upload"' in html
    assert "Uploaded: <strong>map.jpg</strong>" in html
    page = parse_html(html)
    assert parse_html(
        f'<input type="hidden" name="stashed_upload" value="{kept["token"]}" '
        'id="id_stashed_upload">'
    ) in page  # fmt: skip
    # A token that is not the editor's opens the plain form, asking for the file.
    response = editor_client.get(reverse(ADD), {"stashed_upload": "forged"})
    assert 'data-testid="kept-upload"' not in response.content.decode()
