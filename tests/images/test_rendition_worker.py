"""Uploads never wait for renditions: the upload is answered as soon as the file is
stored, its renditions are queued in the database and made by the worker
(`manage.py task_worker`), and until then the picture is shown from its public copy."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from images import library as images
from images.models import CaptionedImage, Crop, Rendition
from tests.helpers.pictures import encoded, upload

pytestmark = pytest.mark.django_db


def upload_harbour(client):
    return upload(client, encoded("JPEG", size=(900, 600), color="darkslateblue"), "harbour.jpg")


def test_an_upload_queues_its_renditions_for_the_worker(
    editor_client, task_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_harbour(editor_client)
    assert response.status_code == 302
    image = CaptionedImage.objects.get()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "images.tasks.make_renditions"
    assert queued.args_kwargs == {"args": [image.pk], "kwargs": {}}
    assert queued.status == "READY"
    assert not Rendition.objects.exists()

    # The editor sees the picture at once, from its public copy, and is told the
    # renditions are on their way.
    change = reverse("admin:images_captionedimage_change", args=[image.pk])
    page = editor_client.get(change)
    assert f'src="{image.image.url}"' in page.content.decode()
    assert "The renditions are being made" in page.content.decode()

    task_queue()

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    image.refresh_from_db()
    made = Rendition.objects.filter(image=image)
    assert made.exists()
    assert image.rendition_cache["crops"]
    page = editor_client.get(change).content.decode()
    assert "The renditions are being made" not in page
    assert images.rendition_url(image, Crop.WIDE, 320) in page
    assert images.rendition_url(image, Crop.WIDE, 320) != image.image.url


def test_tests_and_no_worker_setups_make_renditions_in_the_request(
    editor_client, django_capture_on_commit_callbacks
):
    """The suite's settings (and NEWSROOM_TASKS_BACKEND=…ImmediateBackend) run
    the task at once: nothing is queued, and the renditions exist after the upload."""
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_harbour(editor_client).status_code == 302
    assert not DBTaskResult.objects.exists()
    assert Rendition.objects.filter(image=CaptionedImage.objects.get()).exists()


def test_a_task_for_a_deleted_image_does_nothing(task_queue, editor_client):
    from images.tasks import make_renditions

    make_renditions.enqueue(123456)
    task_queue()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not Rendition.objects.exists()
