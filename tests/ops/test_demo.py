import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Author, RelatedLink, Section
from images.models import CaptionedImage
from ops.demo.content import FLAGSHIP_SLUG
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db


def demo_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Author, CaptionedImage, RelatedLink, Section, User)
    }


def test_demo_loads_once_and_again_without_duplicates(capsys):
    call_command("load_demo")
    first = demo_counts()
    out = capsys.readouterr().out
    assert "log in at http://127.0.0.1:8000/admin/ as “editor”" in out
    call_command("load_demo")
    assert demo_counts() == first
    assert "0 article(s) added" in capsys.readouterr().out
    assert first["Article"] >= 12
    assert first["Author"] == 3
    assert first["Section"] >= 8
    assert Section.objects.filter(parent__isnull=True).count() == 4
    assert Section.objects.filter(parent__isnull=False).count() >= 4


def test_demo_keeps_an_editors_changes():
    call_command("load_demo", "--no-editor")
    article = Article.objects.get(slug=FLAGSHIP_SLUG)
    article.headline = "Edited by a human"
    article.save()
    call_command("load_demo", "--no-editor")
    assert Article.objects.get(slug=FLAGSHIP_SLUG).headline == "Edited by a human"
    assert not User.objects.exists()


def test_demo_editor_can_log_in_and_edit_articles(client):
    call_command("load_demo")
    assert client.login(username="editor", password="newsroom-editor")
    user = User.objects.get(username="editor")
    assert user.is_staff
    assert not user.is_superuser
    assert user.has_perm("articles.change_article")
    assert user.has_perm("images.add_captionedimage")
    assert client.get("/admin/articles/article/").status_code == 200


def test_flagship_article_has_the_reference_shape(client):
    call_command("load_demo", "--no-editor")
    article = Article.objects.get(slug=FLAGSHIP_SLUG)
    assert article.is_public
    assert article.is_developing
    assert article.section.parent is None
    assert article.section.name == "World News"
    assert article.figures.count() == 2
    assert all(f.image.credit and f.image.caption for f in article.figures.all())
    links = list(article.related_links.all())
    assert len(links) == 4
    assert sum(1 for link in links if link.target_id) == 3
    assert sum(1 for link in links if link.url) == 1
    assert article.check_also is not None
    assert article.check_also.is_public
    assert article.tags.count() >= 3
    assert article.ordered_authors[0].bio
    assert article.ordered_authors[0].photo
    assert article.lead_image is not None
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("Pic: ") == 3  # lead image and the two in the body
    assert len(soup(html).select(".related-inline")) == 4
    assert "More follows…" in html
    assert "Check Also" in html
    assert 'About <a href="/author/maya-okafor/">Maya Okafor</a>' in html


def test_demo_images_are_real_pictures(settings):
    from PIL import Image

    call_command("load_demo", "--no-editor")
    for image in CaptionedImage.objects.all():
        with Image.open(image.image.path) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (image.width, image.height)
            assert image.alt_text
