import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleImage, Author, Section
from images.models import CaptionedImage
from tests.helpers.admin import OTHER_INLINES, inline_management
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
    UserFactory,
)
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Article, ArticleFactory),
        (Section, SectionFactory),
        (Author, AuthorFactory),
        (CaptionedImage, CaptionedImageFactory),
    ],
)
def test_changelist_add_and_change_pages_open(editor_client, model, factory):
    obj = factory()
    opts = model._meta
    for url in (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
    ):
        assert editor_client.get(url).status_code == 200, url


def test_article_changelist_shows_status_section_authors_and_filters(editor_client):
    author = AuthorFactory(name="Maya Okafor")
    ArticleFactory(published=True, headline="Listed story", authors=[author])
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    html = response.content.decode()
    assert "Listed story" in html
    assert "Maya Okafor" in html
    assert "Published" in html
    assert 'id="changelist-filter"' in html
    assert "?published_at__year=" in html  # the date hierarchy


def test_changelist_query_count_does_not_grow(editor_client, django_assert_max_num_queries):
    for _ in range(30):
        ArticleFactory(published=True, authors=[AuthorFactory(), AuthorFactory()])
    with django_assert_max_num_queries(16):
        editor_client.get(reverse("admin:articles_article_changelist"))


def test_image_list_has_thumbnails(editor_client):
    CaptionedImageFactory(title="Harbour at dawn")
    html = editor_client.get(reverse("admin:images_captionedimage_changelist")).content.decode()
    assert "Harbour at dawn" in html
    thumbnails = [img["src"] for img in soup(html).select("img.admin-thumb")]
    assert any(re.fullmatch(r"/media/images/[^\"]+\.jpg", src) for src in thumbnails)


def test_editor_writes_a_reference_shaped_article_without_html(editor_client):
    section = SectionFactory(name="World News", slug="world-news")
    author = AuthorFactory()
    image = CaptionedImageFactory(caption="Divers at work", credit="Les Whitfield")
    target = ArticleFactory(published=True, headline="Cable patrols stepped up")
    pick = ArticleFactory(published=True, headline="Crew lands safely")
    data = {
        "headline": "Ministers clash in Moscow",
        "slug": "ministers-clash-in-moscow",
        "standfirst": "A tense day of talks.",
        # Blocks placed at the cursor in the body editor (static/js/prose-blocks.js).
        "body": f'<p>One.</p><figure data-block="image" data-image="{image.pk}"></figure>'
        f'<p>Two.</p><aside data-block="related" data-article="{target.pk}"></aside>'
        '<p>Three.</p><aside data-block="related" data-url="https://example.org/background" '
        'data-headline="Background reading"></aside>',
        "section": section.pk,
        "tags": "Russia, Diplomacy",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "is_developing": "on",
        "comments_enabled": "on",
        "check_also": pick.pk,
        **inline_management("bylines", 1),
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
        **OTHER_INLINES,
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ministers-clash-in-moscow")
    assert article.is_public
    assert sorted(t.name for t in article.tags.all()) == ["Diplomacy", "Russia"]
    assert article.ordered_authors == [author]
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Pic: Les Whitfield" in page
    assert "Cable patrols stepped up" in page
    assert "Background reading" in page
    assert "More follows…" in page
    assert "Crew lands safely" in page


def test_admin_form_errors_keep_the_text(editor_client):
    SectionFactory()
    data = {
        "headline": "A story without a section",
        "slug": "a-story",
        "standfirst": "Summary",
        "body": "<p>Precious words.</p>",
        # A draft may lack a section; submitting it for review may not.
        "status": "review",
        **inline_management("bylines"),
        **inline_management("figures"),
        **inline_management("related_links"),
        **OTHER_INLINES,
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Precious words." in html
    assert not Article.objects.exists()


def test_tag_suggestions_for_the_tag_picker(editor_client):
    ArticleFactory(tags=["Russia", "Rugby"])
    ArticleFactory(tags=["Russia"])
    url = reverse("admin:articles_article_tag_suggestions")
    data = editor_client.get(url, {"term": "ru"}).json()
    assert [r["text"] for r in data["results"]] == ["Russia", "Rugby"]
    assert Client().get(url, {"term": "ru"}).status_code == 302  # readers go to the login


def test_staff_without_permissions_cannot_use_article_admin(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert client.get(reverse("admin:articles_article_tag_suggestions")).status_code == 403


def test_section_admin_refuses_a_loop(editor_client):
    world = SectionFactory(slug="world", name="World")
    europe = SectionFactory(slug="europe", name="Europe", parent=world)
    response = editor_client.post(
        reverse("admin:articles_section_change", args=[world.pk]),
        {"name": "World", "slug": "world", "parent": europe.pk, "description": "", "position": 0},
    )
    assert response.status_code == 200
    assert "cannot sit inside itself" in response.content.decode()


def test_view_on_site_link(editor_client):
    article = ArticleFactory(published=True)
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "View on site" in html


def test_deleting_an_image_in_use_is_refused_not_an_error(editor_client):
    figure = ArticleImageFactory()
    response = editor_client.post(
        reverse("admin:images_captionedimage_delete", args=[figure.image_id]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode().lower()
    assert ArticleImage.objects.filter(pk=figure.pk).exists()
