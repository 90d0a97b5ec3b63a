import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleImage, Author, RelatedLink, Section
from images.models import CaptionedImage

from .factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


OTHER_INLINES = {
    **inline_management("live_updates"),
    **inline_management("notes"),
    **inline_management("events"),
}


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
    assert re.search(r'<img class="admin-thumb" src="/media/images/[^"]+\.jpg"', html)


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
        "body": "<p>One.</p><p>Two.</p><p>Three.</p>",
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
        **inline_management("figures", 1),
        "figures-0-image": image.pk,
        "figures-0-after_paragraph": "1",
        **inline_management("related_links", 2),
        **OTHER_INLINES,
        "related_links-0-target": target.pk,
        "related_links-0-after_paragraph": "2",
        "related_links-1-url": "https://example.org/background",
        "related_links-1-teaser_headline": "Background reading",
        "related_links-1-after_paragraph": "3",
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
        "status": "draft",
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


def test_external_link_without_headline_is_a_form_error(editor_client):
    article = ArticleFactory()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "tags": "",
        "status": "draft",
        **inline_management("bylines", 1, 1),
        "bylines-0-id": article.bylines.get().pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": article.bylines.get().author_id,
        "bylines-0-position": "0",
        **inline_management("figures"),
        **inline_management("related_links", 1),
        **OTHER_INLINES,
        "related_links-0-url": "https://example.org/x",
        "related_links-0-after_paragraph": "1",
    }
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "An external link needs a teaser headline." in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_placement_choices_name_paragraphs_and_follow_edits(editor_client):
    article = ArticleFactory(body="<p>Alpha words.</p><p>Bravo words.</p><p>Charlie words.</p>")
    figure = ArticleImageFactory(article=article, after_paragraph=2)  # after Bravo
    link = RelatedLinkFactory(article=article, after_paragraph=3)  # after Charlie
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor_client.get(change_url).content.decode()
    assert "¶2: Bravo words." in html
    byline = article.bylines.get()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        # A new paragraph on top, Charlie deleted.
        "body": "<p>New top.</p><p>Alpha words.</p><p>Bravo words.</p>",
        "section": article.section_id,
        "tags": "",
        "status": "draft",
        **inline_management("bylines", 1, 1),
        "bylines-0-id": byline.pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": byline.author_id,
        "bylines-0-position": "0",
        **inline_management("figures", 1, 1),
        "figures-0-id": figure.pk,
        "figures-0-article": article.pk,
        "figures-0-image": figure.image_id,
        "figures-0-after_paragraph": "2",
        **inline_management("related_links", 1, 1),
        **OTHER_INLINES,
        "loaded_version": article.version,
        "related_links-0-id": link.pk,
        "related_links-0-article": article.pk,
        "related_links-0-url": link.url,
        "related_links-0-teaser_headline": link.teaser_headline,
        "related_links-0-after_paragraph": "3",
    }
    response = editor_client.post(change_url, data)
    assert response.status_code == 302
    figure.refresh_from_db()
    link.refresh_from_db()
    assert figure.after_paragraph == 3  # still after "Bravo words."
    assert link.after_paragraph == 3  # Charlie is gone: after the paragraph before it


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
