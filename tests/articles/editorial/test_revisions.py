"""An article's history: every save kept, compared and restored in one click."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.editorial import workflow
from articles.models import Article, ArticleEvent, ArticleImage, Byline, RelatedLink
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


class TestRevisions:
    def test_history_diff_and_one_click_restore(self, editor_client, editor):
        article = ArticleFactory(headline="First headline", body="<p>Alpha.</p><p>Bravo.</p>")
        editor_client.post(change_url(article), change_data(article))
        article.refresh_from_db()
        editor_client.post(
            change_url(article),
            change_data(
                article, headline="Second headline", body="<p>Alpha.</p><p>Bravo changed.</p>"
            ),
        )
        versions = list(Version.objects.get_for_object(article))
        assert len(versions) == 2
        history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
        assert editor.username in history.content.decode()
        compare = editor_client.get(
            reverse("admin:articles_article_compare", args=[article.pk]),
            {"a": versions[1].pk, "b": versions[0].pk},
        )
        html = compare.content.decode()
        headline_diff = html.split("<h2>Headline")[1].split("<h2>")[0]
        assert "<del>First</del> headline" in headline_diff
        assert "<ins>Second</ins> headline" in headline_diff
        assert "changed" in html.split("<h2>Body")[1]
        assert "Standfirst <small>(unchanged)</small>" in html
        response = editor_client.post(
            reverse("admin:articles_article_restore", args=[article.pk, versions[1].pk])
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "First headline"
        assert "Bravo changed" not in article.body
        assert Version.objects.get_for_object(article).count() == 3
        assert ArticleEvent.objects.filter(action="restored").exists()

    def test_restore_asks_first_and_needs_post_and_permission(self, writer_client, editor_client):
        article = ArticleFactory(published=True, headline="Kept")
        editor_client.post(change_url(article), change_data(article))
        version = Version.objects.get_for_object(article).first()
        editor_client.post(change_url(article), change_data(Article.objects.get(), headline="New"))
        url = reverse("admin:articles_article_restore", args=[article.pk, version.pk])
        confirm = editor_client.get(url)
        assert confirm.status_code == 200
        assert "Yes, restore this version" in confirm.content.decode()
        assert Article.objects.get().headline == "New"
        assert writer_client.post(url).status_code == 403
        assert Article.objects.get().headline == "New"

    def test_a_version_from_before_blocks_restores_its_placements_as_blocks(
        self, editor_client, editor
    ):
        """Revisions saved before blocks keep images and related stories as rows
        "after paragraph N" and a body without them: restoring one sets them in the
        body where they stood, so nothing it showed is lost."""
        image = CaptionedImageFactory(caption="Divers at work", credit="Les Whitfield")
        target = ArticleFactory(published=True, headline="Cable patrols stepped up")
        article = ArticleFactory(published=True, body="<p>Alpha.</p><p>Bravo.</p>")
        # As the code before blocks stored it: rows beside a body without blocks.
        ArticleImage.objects.create(article=article, image=image, after_paragraph=1)
        RelatedLink.objects.create(article=article, target=target, after_paragraph=1)
        with reversion.create_revision():
            reversion.add_to_revision(article)
        old = Version.objects.get_for_object(article).get()
        editor_client.post(change_url(article), change_data(article, body="<p>Charlie.</p>"))
        assert not ArticleImage.objects.filter(article=article).exists()

        response = editor_client.post(
            reverse("admin:articles_article_restore", args=[article.pk, old.pk])
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.body == (
            f'<p>Alpha.</p><figure data-block="image" data-image="{image.pk}"></figure>'
            f'<aside data-block="related" data-article="{target.pk}"></aside><p>Bravo.</p>'
        )
        page = editor_client.get(article.get_absolute_url()).content.decode()
        assert page.index("Alpha.") < page.index("Pic: Les Whitfield") < page.index("Bravo.")
        assert page.index("Pic: Les Whitfield") < page.index("Cable patrols stepped up")
        assert ArticleImage.objects.get(article=article).image == image


def test_a_version_that_would_leave_a_published_article_without_an_author_is_refused(
    editor_client, editor
):
    draft = workflow.save(
        Article(
            headline="Early notes", slug="early-notes", standfirst="S.", section=SectionFactory()
        ),
        editor,
    )
    early = Version.objects.get_for_object(draft).first()
    Byline.objects.create(article=draft, author=AuthorFactory(name="Maya"), position=0)
    workflow.publish(draft, editor)
    url = reverse("admin:articles_article_restore", args=[draft.pk, early.pk])
    response = editor_client.post(url, follow=True)
    assert response.status_code == 200
    assert "was not restored. Authors: This field is required." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert [author.name for author in draft.ordered_authors] == ["Maya"]
