"""Pictures found under --media-dir, whatever address WordPress gave them."""

import pytest

from articles.models import Article, ImportedObject
from articles.wordpress import media
from images.models import CaptionedImage
from tests.test_wordpress import EXPORTS, picture, run_import

pytestmark = pytest.mark.django_db


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
