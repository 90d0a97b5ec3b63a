"""manage.py regenerate_renditions, and a bad stored file that never breaks a page."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from images.models import CaptionedImage, Rendition
from tests.helpers.factories import (
    ArticleFactory,
    CaptionedImageFactory,
)
from tests.helpers.pictures import camera_jpeg

pytestmark = pytest.mark.django_db


def test_regenerate_command_remakes_republishes_and_reports_bad_files(capsys):
    good = CaptionedImageFactory(title="Good")
    # An image from before the library: its upload (GPS and all) is the public file.
    legacy = CaptionedImage.objects.create(
        title="Legacy", alt_text="Old photo", width=200, height=100
    )
    legacy.image.save("old.jpg", ContentFile(camera_jpeg()), save=True)
    broken = CaptionedImageFactory(title="Broken")
    broken.original.delete(save=True)
    with broken.image.storage.open(broken.image.name, "wb") as public:
        public.write(b"not a picture any more")

    with pytest.raises(CommandError, match="1 image"):
        call_command("regenerate_renditions")
    out, err = capsys.readouterr()
    assert "[1/3] Good" in out
    assert "[3/3] Broken FAILED" in out
    assert "Legacy (re-encoded; upload moved to the originals)" in out
    assert "renditions made for 2 of 3 images" in out
    assert "“Broken”: This file is not a picture" in err

    assert Rendition.objects.filter(image=good).exists()
    legacy.refresh_from_db()
    assert legacy.original.read() == camera_jpeg()
    with Image.open(legacy.image) as picture:
        assert not picture.getexif()
    assert not Rendition.objects.filter(image=broken).exists()

    # --missing makes nothing that is already there.
    call_command("regenerate_renditions", "--missing", str(good.pk))
    assert "0 renditions made for 1 of 1 images" in capsys.readouterr().out


def test_a_bad_stored_file_never_breaks_pages_or_the_admin(client, editor_client):
    image = CaptionedImageFactory()
    with image.image.storage.open(image.image.name, "wb") as public:
        public.write(b"garbage")
    image.original.delete(save=True)
    from images.tasks import make_renditions

    assert make_renditions.call(image.pk) == 0  # logged, not raised
    article = ArticleFactory(published=True, lead_image=image)
    assert client.get(article.get_absolute_url()).status_code == 200
    for url in (
        reverse("admin:images_captionedimage_changelist"),
        reverse("admin:images_captionedimage_change", args=[image.pk]),
        reverse("admin:images_captionedimage_thumbnail", args=[image.pk]),
    ):
        assert editor_client.get(url).status_code in {200, 302}, url
