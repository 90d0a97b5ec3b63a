"""Pictures found under --media-dir, whatever address WordPress gave them."""

import pytest

from articles.models import (
    Article,
    ImportedObject,
)
from articles.wordpress import media
from images.models import CaptionedImage
from tests.helpers.wordpress import (
    EXPORTS,
    GAZETTE,
    imported_article,
    picture,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_attachments_become_library_images_when_their_files_are_found(gazette):
    harbour = CaptionedImage.objects.get(title="Boats in the harbour")
    assert harbour.caption == "Boats in the harbour at dawn."
    assert harbour.credit == "Sam Smith"
    assert harbour.image
    assert harbour.original
    assert ImportedObject.objects.get(kind="attachment", key="101").object_id == harbour.pk
    assert not ImportedObject.objects.filter(kind="attachment", key="102").exists()
    assert CaptionedImage.objects.count() == 2  # the harbour and the crowd
    assert (
        "attachment 102: https://gazette.example.com/wp-content/uploads/2021/05/lighthouse.jpg"
        in (gazette)
    )
    assert (
        "attachment 103: https://gazette.example.com/wp-content/uploads/2021/05/accounts.pdf"
        in (gazette)
    )


def test_without_the_uploads_every_picture_stays_a_link_and_is_listed(tmp_path):
    summary, _ = run_import(GAZETTE)
    assert not CaptionedImage.objects.exists()
    harbour = imported_article(1)
    assert harbour.lead_image is None
    assert not harbour.figures.exists()
    assert (
        "<p>Image: Boats in the harbour at dawn. Pic: Sam Smith (<a "
        'href="https://gazette.example.com/wp-content/uploads/2021/05/harbour-300x200.jpg"'
    ) in harbour.body
    assert "Featured images that could not be imported (no lead image): 1" in summary
    assert "post 1: attachment 101" in summary


def test_pictures_are_only_read_from_inside_the_media_dir(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    picture(tmp_path / "secret.jpg")
    export = tmp_path / "sneaky.xml"
    export.write_text(
        GAZETTE.read_text()
        .replace("<![CDATA[2021/05/harbour.jpg]]>", "<![CDATA[../secret.jpg]]>")
        .replace("uploads/2021/05/harbour", "uploads/../../secret")
    )
    summary, _ = run_import(export, uploads)
    assert not CaptionedImage.objects.exists()
    assert "attachment 101:" in summary


def test_wordpress_com_pictures_are_found_under_the_media_dir(tmp_path, client):
    uploads = tmp_path / "uploads"
    picture(uploads / "2008/06/marrows.jpg", "green")
    picture(uploads / "2008/06/beans.jpg", "olive")  # the original of beans-300x200.jpg
    picture(uploads / "2008/06/shed.jpg", "brown")
    summary, _ = run_import(EXPORTS / "wordpress-com.xml", uploads)

    assert CaptionedImage.objects.count() == 3
    marrows = CaptionedImage.objects.get(
        pk=ImportedObject.objects.get(kind="attachment", key="40").object_id
    )
    assert marrows.caption == "Prize marrows"
    article = Article.objects.get()
    figures = list(article.figures.select_related("image"))
    assert [f.image.alt_text for f in figures] == [
        "Three marrows on a bench",
        "Runner beans on canes",
        "The shed",
    ]
    assert figures[0].image == marrows
    assert "Pictures in posts not found under --media-dir" in summary
    assert "post 41: https://allotment.files.wordpress.com/2008/06/onions.jpg?w=640" in summary
    assert "attachment 40" not in summary

    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count("<figure") == 3
    assert 'alt="Runner beans on canes"' in page


@pytest.mark.parametrize(
    ("address", "path"),
    [
        ("https://site.example/wp-content/uploads/2008/06/x.jpg", "2008/06/x.jpg"),
        (
            "https://site.example/wp-content/uploads/2008/06/x-300x200.jpg?w=300",
            "2008/06/x-300x200.jpg",
        ),
        ("https://example.files.wordpress.com/2008/06/x.jpg", "2008/06/x.jpg"),
        ("https://example.files.wordpress.com/2008/06/x.jpg?w=640&h=480", "2008/06/x.jpg"),
        ("https://i0.wp.com/example.files.wordpress.com/2008/06/x.jpg?resize=1", "2008/06/x.jpg"),
        ("https://example.wordpress.com/files/2008/06/x.jpg", "2008/06/x.jpg"),
        ("2008/06/x.jpg", "2008/06/x.jpg"),
        ("https://elsewhere.example/pictures/x.jpg", ""),
    ],
)
def test_uploads_paths(address, path):
    assert media.uploads_path(address) == path
