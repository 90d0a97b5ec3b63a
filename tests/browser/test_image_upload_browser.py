"""Uploading a big photo never blocks the form: a 24-megapixel JPEG goes up with a
progress bar while the editor types, a missing alt text sends the form back with
the file kept (never chosen again), and the renditions appear once the worker has
run; all under the Content Security Policy, with no violation."""

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from images.models import CaptionedImage, Rendition
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photo_24_megapixels(path):
    """A 6000 × 4000 photo (24 megapixels) with a camera's detail, so it weighs as
    much as one (several MB): noise over a gradient, made with Pillow."""
    size = (6000, 4000)
    detail = Image.effect_noise(size, 40)
    gradient = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (detail, gradient, Image.effect_noise(size, 25))).save(
        path, "JPEG", quality=90
    )
    return path


def test_a_24_megapixel_upload_keeps_the_form_usable_and_renditions_follow(
    live_server, page, tmp_path, task_queue
):
    photo = photo_24_megapixels(tmp_path / "harbour-at-dawn.jpg")
    assert photo.stat().st_size > 5_000_000
    UserFactory(username="maya", is_staff=True, groups=["Editors"])
    refused = watch(page)
    base = live_server.url
    log_in(page, base, "maya")
    page.goto(base + reverse("admin:images_captionedimage_add"))

    page.get_by_label("Image file").set_input_files(photo)
    # The form is usable while the file goes up: the editor types on.
    page.get_by_label("Title").fill("Harbour at dawn")
    page.get_by_label("Caption").fill("Fishing boats leave the harbour.")
    status = page.get_by_role("status")
    expect(status).to_contain_text("harbour-at-dawn.jpg is uploaded")
    kept = page.get_by_test_id("kept-upload")
    expect(kept).to_contain_text("harbour-at-dawn.jpg")
    expect(kept.locator("img")).to_have_js_property("complete", True)
    expect(kept.locator("img")).not_to_have_js_property("naturalWidth", 0)
    page.screenshot(path=tmp_path / "uploaded.png")

    # Saved without alt text: the form comes back asking for it, the file kept.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.get_by_test_id("kept-upload")).to_contain_text("harbour-at-dawn.jpg")
    expect(page.get_by_label("Image file")).to_have_value("")
    assert not CaptionedImage.objects.exists()
    page.get_by_label("Alt text").fill("Fishing boats leaving the harbour at dawn")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    image = CaptionedImage.objects.get()
    assert image.alt_text == "Fishing boats leaving the harbour at dawn"
    assert (image.width, image.height) == (2048, 1365)  # the public copy
    assert image.original.size == photo.stat().st_size
    # No renditions yet: the picture shows from the public copy at once.
    assert not Rendition.objects.exists()
    picture = page.locator(".focal-picker img")
    expect(picture).to_have_attribute("src", image.image.url)
    expect(picture).not_to_have_js_property("naturalWidth", 0)
    expect(page.get_by_text("The renditions are being made")).to_be_visible()

    task_queue()  # the worker runs

    assert Rendition.objects.filter(image=image).count() > 10
    page.reload()
    previews = page.locator(".crop-preview img")
    expect(previews).to_have_count(2)
    for preview in previews.all():
        assert "/renditions/" in preview.get_attribute("src")
        expect(preview).not_to_have_js_property("naturalWidth", 0)
    page.screenshot(path=tmp_path / "renditions.png")
    assert violations(page, refused) == []
