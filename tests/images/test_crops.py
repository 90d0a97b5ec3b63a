"""Crops keep the focal point in frame, and renditions are cut around it."""

import pytest

from images import library as images
from images.models import CaptionedImage
from tests.helpers.pictures import marked_picture, square_rendition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("shape", [(16, 9), (1, 1)])
@pytest.mark.parametrize("size", [(1600, 400), (400, 1600), (1000, 1000), (1920, 1080)])
@pytest.mark.parametrize("focal", [(0, 0), (0.5, 0.5), (0.93, 0.12), (1, 1), (0.05, 0.8)])
def test_every_crop_keeps_the_focal_point_in_frame(shape, size, focal):
    width, height = size
    left, top, right, bottom = images.crop_box(width, height, shape, focal)
    assert 0 <= left <= focal[0] * width <= right <= width
    assert 0 <= top <= focal[1] * height <= bottom <= height
    assert (right - left) / (bottom - top) == pytest.approx(shape[0] / shape[1])
    # The largest box of the shape: one side is the picture's whole side.
    assert right - left == pytest.approx(width) or bottom - top == pytest.approx(height)


def test_renditions_are_cut_around_the_focal_point():
    image = CaptionedImage(title="Subject", alt_text="A red subject")
    images.save(image, images.inspect(marked_picture()))
    images.make_renditions(image)
    centred = square_rendition(image)
    assert centred.getpixel((centred.width // 2, centred.height // 2))[0] < 160  # grey

    image.focal_x, image.focal_y = 1440 / 1600, 0.5
    image.save()
    assert images.make_renditions(image) > 0
    square = square_rendition(image)
    # The square is 400 wide at the right edge (x 1200–1600): the subject is in it.
    x = round((1440 - 1200) / 400 * square.width)
    assert square.getpixel((x, square.height // 2))[0] > 180
    assert square.getpixel((x, square.height // 2))[1] < 60
