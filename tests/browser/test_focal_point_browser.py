"""The focal-point picker in real Chromium: an editor clicks the subject, the
marker and the crop outlines follow, a crop is drawn by hand, and saving makes
the renditions again around the new point, all without a Content Security Policy
violation."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from images.models import Crop, Rendition
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import AuthorFactory, CaptionedImageFactory, UserFactory, picture_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def percent(locator, attribute):
    """Where a mark of the picker's SVG is placed: its x, y, width or height, in %."""
    return float(locator.get_attribute(attribute).rstrip("%"))


def test_editor_clicks_the_subject_and_draws_a_crop(live_server, page):
    editor = UserFactory(is_staff=True, groups=["Editors"])
    image = CaptionedImageFactory(upload=picture_file(1600, 400, name="wide.jpg"))
    squares = set(
        Rendition.objects.filter(image=image, crop=Crop.SQUARE).values_list("file", flat=True)
    )
    assert squares  # made when the factory's save committed
    log_in(page, live_server.url, editor.username)
    refused = watch(page)
    page.goto(live_server.url + reverse("admin:images_captionedimage_change", args=[image.pk]))

    picker = page.locator(".focal-picker")
    expect(picker).to_have_class(re.compile("focal-picker-ready"))
    square = picker.locator(".crop-outline-square")
    assert percent(square, "x") == pytest.approx(37.5, abs=0.1)  # centred at first

    box = picker.locator("img").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.25)
    expect(page.locator("#id_focal_x")).to_have_value(re.compile(r"^0\.(89|9|90)"))
    expect(page.locator("#id_focal_y")).to_have_value(re.compile(r"^0\.2[45]"))
    marker = picker.locator(".focal-marker")
    assert percent(marker, "x") == pytest.approx(90, abs=1)
    # The square crop (400 × 400 of 1600 × 400) moved to the right edge to keep it.
    assert percent(square, "x") == pytest.approx(75, abs=0.1)
    assert percent(square, "width") == pytest.approx(25, abs=0.1)

    # Draw the 16:9 crop by hand: from 10% across to 50% across.
    page.get_by_label("the 16:9 crop").check()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.05)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5, steps=4)
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=4)
    page.mouse.up()
    expect(page.locator("#id_crop_wide")).to_have_value(re.compile(r"^10\.\d, [45]\.\d, 40\.\d$"))
    wide = picker.locator(".crop-outline-wide")
    assert percent(wide, "width") == pytest.approx(40, abs=0.5)

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.9, abs=0.01)
    assert image.crops[Crop.WIDE][0] == pytest.approx(0.1, abs=0.005)
    assert image.crops[Crop.WIDE][2] == pytest.approx(0.4, abs=0.005)
    moved = set(
        Rendition.objects.filter(image=image, crop=Crop.SQUARE).values_list("file", flat=True)
    )
    assert moved
    assert not moved & squares  # made again around the new focal point
    # After the reload the page draws the saved point and crop without being told.
    expect(page.locator("#id_crop_wide")).to_have_value(re.compile(r"^10(\.\d+)?, "))
    assert percent(picker.locator(".focal-marker"), "x") == pytest.approx(90, abs=1)
    expect(page.locator(".crop-preview img")).to_have_count(2)
    # The marks are where their attributes put them: the square's frame spans
    # its quarter of the picture, the marker is centred on the point.
    shown = picker.locator("img").bounding_box()
    frame = picker.locator(".crop-outline-square .crop-frame").bounding_box()
    assert frame["x"] == pytest.approx(shown["x"] + shown["width"] * 0.75, abs=1)
    assert frame["width"] == pytest.approx(shown["width"] * 0.25, abs=1)
    ring = picker.locator(".focal-marker-ring").bounding_box()
    assert ring["x"] + ring["width"] / 2 == pytest.approx(shown["x"] + shown["width"] * 0.9, abs=2)
    assert violations(page, refused) == []


def test_image_pickers_show_thumbnails(live_server, page):
    editor = UserFactory(is_staff=True, groups=["Editors"])
    CaptionedImageFactory(title="Harbour at dawn")
    author = AuthorFactory()
    log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + reverse("admin:articles_author_change", args=[author.pk]))
    page.locator("#id_photo + .select2").click()
    choice = page.locator(".image-choice", has_text="Harbour at dawn")
    expect(choice).to_be_visible()
    thumbnail = choice.locator("img")
    expect(thumbnail).to_have_attribute("src", re.compile(r"/captionedimage/\d+/thumbnail/$"))
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
