"""The five attacks an outside security test made on the editorial rules, with
the exact requests, and what stops each now (articles/editorial/)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from articles.editorial import workflow
from articles.models import Article, ArticleEvent
from images.models import CaptionedImage
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    UserFactory,
    picture_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_user():
    return UserFactory(is_staff=True, groups=["Editors"])


def own_article(writer, **kwargs):
    return ArticleFactory(authors=[AuthorFactory(user=writer)], **kwargs)


def gone(client, method, url, data=None):
    """The address does no work: Django's admin treats it as an unknown object's
    id (a redirect to the admin's front page with "doesn't exist") or a 404."""
    response = getattr(client, method)(url, data or {}, follow=True)
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert response.redirect_chain[-1][0] == reverse("admin:index")
        assert "doesn’t exist" in response.content.decode()
    return response


def revised(article, editor_user, **changes):
    """Save `article` through the gate with `changes`; returns its newest version."""
    for name, value in changes.items():
        setattr(article, name, value)
    workflow.save(article, editor_user, comment="Edited")
    return Version.objects.get_for_object(article).first()


class TestRecoverAndRevisionViewsAreGone:
    def test_a_writer_cannot_roll_a_live_article_back_to_a_draft(
        self, writer_client, editor_user, client
    ):
        article = ArticleFactory(headline="Draft headline")
        draft_version = revised(article, editor_user)
        workflow.publish(article, editor_user)
        gone(writer_client, "post", f"/admin/articles/article/recover/{draft_version.pk}/")
        article.refresh_from_db()
        assert article.is_public
        assert client.get(article.get_absolute_url()).status_code == 200
        assert Version.objects.get_for_object(article).count() == 2

    def test_the_editable_revision_view_does_not_exist(self, writer, writer_client, editor_user):
        article = own_article(writer)
        version = revised(article, editor_user)
        workflow.publish(article, editor_user)
        url = f"/admin/articles/article/{article.pk}/history/{version.pk}/"
        gone(writer_client, "get", url)
        gone(writer_client, "post", url, change_data(article, status="draft"))
        article.refresh_from_db()
        assert article.is_public


class TestRestoreNeverChangesTheState:
    def test_a_writer_cannot_republish_by_restoring_a_published_version(
        self, writer, writer_client, editor_user, client
    ):
        article = own_article(writer, headline="Reviewed words")
        workflow.publish(article, editor_user)
        published_version = Version.objects.get_for_object(article).first()
        # An editor takes it off the site and hands it back to its writer.
        article.status = Article.Status.DRAFT
        revised(article, editor_user, headline="Being reworked")
        url = reverse("admin:articles_article_restore", args=[article.pk, published_version.pk])
        assert writer_client.post(url).status_code == 302
        article.refresh_from_db()
        assert article.headline == "Reviewed words"
        assert article.status == Article.Status.DRAFT
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.events.filter(action=ArticleEvent.Action.RESTORED).exists()
        assert (
            not article.events.filter(action=ArticleEvent.Action.PUBLISHED, actor__isnull=False)
            .exclude(actor=editor_user)
            .exists()
        )

    def test_an_old_draft_restored_by_an_editor_stays_live(self, editor_client, editor_user):
        article = ArticleFactory(headline="First draft")
        draft = revised(article, editor_user)
        workflow.publish(article, editor_user)
        revised(article, editor_user, headline="Published headline")
        url = reverse("admin:articles_article_restore", args=[article.pk, draft.pk])
        assert editor_client.post(url).status_code == 302
        article.refresh_from_db()
        assert article.headline == "First draft"
        assert article.is_public

    def test_a_version_of_another_article_is_not_found(self, editor_client, editor_user):
        article, other = ArticleFactory(), ArticleFactory(headline="Other")
        version = revised(other, editor_user)
        url = reverse("admin:articles_article_restore", args=[article.pk, version.pk])
        assert editor_client.post(url).status_code == 404
        assert editor_client.get(url).status_code == 404


class TestLibraryImages:
    def caption_change(self, image, caption):
        return {
            "title": image.title,
            "alt_text": image.alt_text,
            "caption": caption,
            "credit": "Someone else",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crop_wide": "",
            "crop_square": "",
        }

    def url(self, image):
        return reverse("admin:images_captionedimage_change", args=[image.pk])

    def test_a_writer_cannot_change_the_lead_image_of_a_live_article(self, writer_client):
        image = CaptionedImageFactory(caption="The real caption")
        ArticleFactory(published=True, lead_image=image)
        response = writer_client.post(self.url(image), self.caption_change(image, "Hijacked"))
        assert response.status_code == 403
        with_file = {**self.caption_change(image, "Hijacked"), "upload": picture_file()}
        assert writer_client.post(self.url(image), with_file).status_code == 403
        image.refresh_from_db()
        assert (image.caption, image.credit) == ("The real caption", image.credit)
        page = writer_client.get(self.url(image))
        assert page.status_code == 200  # they may look, not change
        assert 'name="caption"' not in page.content.decode()

    def test_a_writer_changes_images_only_their_own_drafts_use(self, writer, writer_client):
        mine = ArticleImageFactory(article=own_article(writer)).image
        theirs = ArticleImageFactory(article=ArticleFactory()).image
        assert (
            writer_client.post(self.url(mine), self.caption_change(mine, "Mine")).status_code == 302
        )
        assert (
            writer_client.post(self.url(theirs), self.caption_change(theirs, "X")).status_code
            == 403
        )
        assert CaptionedImage.objects.get(pk=mine.pk).caption == "Mine"
        assert CaptionedImage.objects.get(pk=theirs.pk).caption != "X"

    def test_a_writer_uploads_and_then_changes_their_own_upload(self, writer, writer_client):
        data = {
            "title": "My upload",
            "alt_text": "A boat",
            "caption": "",
            "credit": "",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "upload": picture_file(),
        }
        add = reverse("admin:images_captionedimage_add")
        assert writer_client.post(add, data).status_code == 302
        image = CaptionedImage.objects.get(title="My upload")
        assert image.uploaded_by == writer
        assert (
            writer_client.post(self.url(image), self.caption_change(image, "Ok")).status_code == 302
        )
        someone_elses = CaptionedImageFactory()
        response = writer_client.post(self.url(someone_elses), self.caption_change(image, "No"))
        assert response.status_code == 403

    def test_an_author_photo_is_an_editors_to_change(self, writer_client):
        photo = CaptionedImageFactory()
        AuthorFactory(photo=photo)
        assert (
            writer_client.post(self.url(photo), self.caption_change(photo, "X")).status_code == 403
        )


class TestUnpublishedHeadlinesDoNotLeak:
    def test_view_on_site_sends_nobody_to_a_draft_they_may_not_see(
        self, writer_client, moderator_client
    ):
        draft = ArticleFactory(headline="W2 secret draft", slug="w2-secret-draft")
        content_type = ContentType.objects.get_for_model(Article)
        url = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
        for client in (writer_client, moderator_client):
            response = client.get(url)
            assert response.status_code == 404
            assert "w2-secret-draft" not in response.get("Location", "")
            assert "secret" not in response.content.decode().lower()

    def test_view_on_site_still_works_for_what_they_may_see(self, writer, writer_client):
        content_type = ContentType.objects.get_for_model(Article)
        for article in (ArticleFactory(published=True), own_article(writer)):
            response = writer_client.get(
                reverse("admin:view_on_site", args=[content_type.pk, article.pk])
            )
            assert response.status_code == 302
            assert response["Location"].endswith(article.get_absolute_url())

    def test_the_recover_view_names_no_version(self, writer_client, editor_user):
        draft = ArticleFactory(headline="W2 secret draft")
        version = revised(draft, editor_user)
        response = gone(writer_client, "post", f"/admin/articles/article/recover/{version.pk}/")
        assert "secret" not in response.content.decode().lower()

    def test_check_also_refuses_an_article_the_writer_may_not_see(self, writer, writer_client):
        article = own_article(writer)
        draft = ArticleFactory(headline="W2 secret draft")
        response = writer_client.post(
            change_url(article), change_data(article, check_also=draft.pk)
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Select a valid choice" in html
        assert "secret" not in html.lower()
        article.refresh_from_db()
        assert article.check_also_id is None

    def test_check_also_accepts_a_public_article(self, writer, writer_client):
        article = own_article(writer)
        public = ArticleFactory(published=True)
        response = writer_client.post(
            change_url(article), change_data(article, check_also=public.pk)
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.check_also_id == public.pk


class TestDraftOnlyTags:
    def test_a_tag_only_drafts_use_is_not_found(self, client, editor_user):
        draft = ArticleFactory(tags=["Merger talks"])
        for url in ("/tag/merger-talks/", "/feeds/tag/merger-talks/rss/"):
            response = client.get(url)
            assert response.status_code == 404
            assert "Merger talks" not in response.content.decode()
        workflow.publish(draft, editor_user)
        assert client.get("/tag/merger-talks/").status_code == 200
        assert client.get("/feeds/tag/merger-talks/rss/").status_code == 200


class TestHistoryPage:
    def test_enter_in_the_compare_form_cannot_restore(self, editor_client, editor_user):
        """Restoring is a link to a confirmation page: the compare form is a GET
        form with one submit button and no CSRF token in its address."""
        from html.parser import HTMLParser

        article = ArticleFactory()
        revised(article, editor_user, headline="One")
        revised(article, editor_user, headline="Two")
        html = editor_client.get(
            reverse("admin:articles_article_history", args=[article.pk])
        ).content.decode()

        class Form(HTMLParser):
            def __init__(self):
                super().__init__()
                self.depth, self.method, self.submits, self.hidden = 0, None, [], []

            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "form" and "compare" in attrs.get("action", ""):
                    self.depth, self.method = 1, attrs.get("method")
                elif self.depth and tag in {"input", "button"}:
                    kind = attrs.get("type", "submit" if tag == "button" else "text")
                    if kind == "submit":
                        self.submits.append(attrs)
                    if kind == "hidden":
                        self.hidden.append(attrs.get("name"))

            def handle_endtag(self, tag):
                if tag == "form":
                    self.depth = 0

        form = Form()
        form.feed(html)
        assert form.method == "get"
        assert [submit.get("value") for submit in form.submits] == ["Compare the chosen versions"]
        assert not any("formaction" in submit for submit in form.submits)
        assert "csrfmiddlewaretoken" not in form.hidden
        assert "Restore this version…" in html


class TestTagsAndDeletion:
    def test_merging_tags_is_an_editors_job_and_needs_a_choice(
        self, editor_client, writer_client, moderator_client
    ):
        from taggit.models import Tag

        url = reverse("admin:taggit_tag_merge_tags")
        for client in (writer_client, moderator_client):
            assert client.post(url, {"new_tag_name": "Merged"}).status_code == 403
        response = editor_client.post(url, {"new_tag_name": "Merged"})
        assert response.status_code == 302
        assert not Tag.objects.filter(name="Merged").exists()

    def test_the_tag_page_cannot_tag_articles(self, editor_client):
        from taggit.models import Tag

        tag = Tag.objects.create(name="Harbour", slug="harbour")
        page = editor_client.get(reverse("admin:taggit_tag_change", args=[tag.pk]))
        assert "taggeditem" not in page.content.decode().lower()

    def test_an_editor_deletes_an_article_with_comments(self, editor_client):
        from comments.models import Comment

        article = ArticleFactory(published=True)
        Comment.objects.create(
            article=article,
            name="Ana",
            email="ana@example.com",
            text="Hello",
            status="approved",
            submitted_at=article.published_at,
        )
        url = reverse("admin:articles_article_delete", args=[article.pk])
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
        assert not Article.objects.filter(pk=article.pk).exists()
        assert not Comment.objects.exists()
