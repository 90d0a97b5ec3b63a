import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.editorial import previews, workflow
from articles.models import Article, ArticleEvent, ArticleNote, LiveUpdate

from .factories import (
    ArticleFactory,
    AuthorFactory,
    RelatedLinkFactory,
    SectionFactory,
    UserFactory,
)
from .test_admin import OTHER_INLINES, inline_management

pytestmark = pytest.mark.django_db


def text(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def change_data(article, **overrides):
    """The article's admin form as it would be posted back, with changes."""
    byline = article.bylines.first()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "tags": "",
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "comments_enabled": "on",
        "loaded_version": article.version,
        **inline_management("bylines", 1 if byline else 0, 1 if byline else 0),
        **inline_management("figures"),
        **inline_management("related_links"),
        **OTHER_INLINES,
    }
    if byline:
        data.update(
            {
                "bylines-0-id": byline.pk,
                "bylines-0-article": article.pk,
                "bylines-0-author": byline.author_id,
                "bylines-0-position": "0",
            }
        )
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


class TestRoles:
    def test_groups_exist(self):
        assert set(Group.objects.values_list("name", flat=True)) >= {
            "Writers",
            "Editors",
            "Moderators",
        }

    def test_writer_creates_a_draft_and_cannot_publish(self, writer_client, writer):
        section = SectionFactory()
        author = AuthorFactory()
        data = {
            "headline": "Writer's story",
            "slug": "writers-story",
            "standfirst": "Summary",
            "body": "<p>Words.</p>",
            "section": section.pk,
            "tags": "",
            "status": "published",
            "comments_enabled": "on",
            **inline_management("bylines", 1),
            "bylines-0-author": author.pk,
            "bylines-0-position": "0",
            **inline_management("figures"),
            **inline_management("related_links"),
            **OTHER_INLINES,
        }
        response = writer_client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not Article.objects.exists()
        data["status"] = "draft"
        assert writer_client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get()
        assert article.created_by == writer
        assert article.status == "draft"
        assert ArticleEvent.objects.get().action == "created"

    def test_writer_cannot_publish_through_any_door(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        response = writer_client.post(change_url(article), change_data(article, status="published"))
        assert response.status_code == 200
        assert Article.objects.get().status == "draft"
        writer_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_now", "_selected_action": [article.pk]},
        )
        assert Article.objects.get().status == "draft"
        with pytest.raises(workflow.PermissionDenied):
            workflow.publish(article, writer)

    def test_writer_cannot_see_or_edit_anothers_article(self, writer_client, writer):
        other = ArticleFactory(headline="Someone else's draft")
        published = ArticleFactory(published=True, headline="Public story")
        assert writer_client.get(change_url(other)).status_code == 302  # "doesn't exist"
        changelist = writer_client.get(reverse("admin:articles_article_changelist"))
        assert "Someone else's draft" not in changelist.content.decode()
        assert "Public story" in changelist.content.decode()
        assert writer_client.get(other.get_absolute_url()).status_code == 404
        autocomplete = writer_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": "check_also",
                "term": "draft",
            },
        ).json()
        assert autocomplete["results"] == []
        # Published articles: viewable, not editable.
        response = writer_client.post(
            change_url(published), change_data(published, headline="Vandalised")
        )
        assert response.status_code == 403
        assert Article.objects.get(pk=published.pk).headline == "Public story"

    def test_writer_edits_own_until_published(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        assert (
            writer_client.post(
                change_url(article), change_data(article, headline="Better")
            ).status_code
            == 302
        )
        workflow.publish(Article.objects.get(), UserFactory(is_staff=True, groups=["Editors"]))
        article = Article.objects.get()
        response = writer_client.post(change_url(article), change_data(article, headline="Late"))
        assert response.status_code == 403
        assert Article.objects.get().headline == "Better"

    def test_byline_makes_an_article_your_own(self, writer_client, writer):
        author = AuthorFactory(user=writer)
        article = ArticleFactory(authors=[author])
        assert writer_client.get(change_url(article)).status_code == 200


class TestTransitions:
    def test_submit_send_back_publish_unpublish_with_audit(self, writer, editor):
        article = ArticleFactory(created_by=writer)
        workflow.submit(article, writer)
        assert article.status == "review"
        with pytest.raises(workflow.ValidationError):
            workflow.send_back(article, editor, "   ")
        workflow.send_back(article, editor, "Check the second quote.")
        assert article.status == "draft"
        workflow.submit(article, writer)
        workflow.publish(article, editor)
        assert article.is_public
        workflow.unpublish(article, editor)
        assert not Article.objects.published().exists()
        actions = list(ArticleEvent.objects.order_by("at", "pk").values_list("action", "note"))
        assert actions == [
            ("submitted", ""),
            ("sent_back", "Check the second quote."),
            ("submitted", ""),
            ("published", ""),
            ("unpublished", ""),
        ]
        assert Version.objects.get_for_object(article).count() == 5

    def test_editor_sends_back_in_admin_with_a_note(self, editor_client, writer):
        article = ArticleFactory(created_by=writer, status="review")
        response = editor_client.post(change_url(article), change_data(article, status="draft"))
        assert response.status_code == 200
        assert "the note goes to the writer" in response.content.decode()
        response = editor_client.post(
            change_url(article), change_data(article, status="draft", review_note="Needs a source")
        )
        assert response.status_code == 302
        event = ArticleEvent.objects.get(action="sent_back")
        assert event.note == "Needs a source"

    def test_needs_review_and_scheduled_views(self, editor_client):
        ArticleFactory(status="review", headline="Waiting for an editor")
        ArticleFactory(
            status="published",
            published_at=timezone.now() + timedelta(hours=5),
            headline="Tomorrow's story",
        )
        ArticleFactory(published=True, headline="Live story")
        url = reverse("admin:articles_article_changelist")
        review = editor_client.get(url, {"state": "review"}).content.decode()
        assert "Waiting for an editor" in review
        assert "Live story" not in review
        scheduled = editor_client.get(url, {"state": "scheduled"}).content.decode()
        assert "Tomorrow&#x27;s story" in scheduled
        assert "Scheduled for" in scheduled
        assert "Live story" not in scheduled

    def test_mine_filter(self, editor_client, editor):
        ArticleFactory(created_by=editor, headline="My own")
        ArticleFactory(headline="Not mine")
        html = editor_client.get(
            reverse("admin:articles_article_changelist"), {"mine": "1"}
        ).content.decode()
        assert "My own" in html
        assert "Not mine" not in html


class TestScheduling:
    def test_scheduled_article_appears_everywhere_exactly_at_its_time(
        self, client, editor, time_machine
    ):
        start = timezone.now().replace(microsecond=0)
        time_machine.move_to(start, tick=False)
        section = SectionFactory(slug="world")
        author = AuthorFactory(slug="maya")
        at = start + timedelta(hours=2)
        article = ArticleFactory(
            section=section, headline="Embargoed scoop", authors=[author], tags=["Russia"]
        )
        workflow.publish(article, editor, at=at)
        linking = ArticleFactory(published=True, section=section, tags=["Russia"])
        RelatedLinkFactory(article=linking, target=article, url="", teaser_headline="")
        paths = [
            "/",
            "/section/world/",
            "/tag/russia/",
            "/author/maya/",
            linking.get_absolute_url(),
            "/search/?q=Embargoed",
            "/feeds/rss/",
            "/feeds/atom/",
            "/feeds/section/world/rss/",
            "/feeds/tag/russia/rss/",
            "/feeds/author/maya/atom/",
        ]
        sitemaps = ["/sitemaps/articles.xml", "/news-sitemap.xml"]
        for path in paths:
            assert "Embargoed scoop" not in text(client.get(path)), path
        for path in sitemaps:
            assert article.slug not in client.get(path).content.decode(), path
        assert client.get(article.get_absolute_url()).status_code == 404
        time_machine.move_to(at - timedelta(seconds=1), tick=False)
        assert client.get(article.get_absolute_url()).status_code == 404
        time_machine.move_to(at, tick=False)
        assert client.get(article.get_absolute_url()).status_code == 200
        for path in paths:
            assert "Embargoed scoop" in text(client.get(path)), path
        for path in sitemaps:
            assert article.slug in client.get(path).content.decode(), path

    def test_unpublish_time(self, client, editor, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        article = ArticleFactory(published=True, unpublish_at=start + timedelta(hours=1))
        assert client.get(article.get_absolute_url()).status_code == 200
        time_machine.move_to(start + timedelta(hours=1), tick=False)
        assert client.get(article.get_absolute_url()).status_code == 404
        assert not Article.objects.published().exists()

    def test_editor_schedules_in_the_newsrooms_time_zone(self, editor_client, settings):
        article = ArticleFactory(status="review")
        future = timezone.localtime(timezone.now() + timedelta(days=2))
        data = change_data(
            article,
            status="published",
            published_at_0=f"{future:%Y-%m-%d}",
            published_at_1="09:30:00",
        )
        assert editor_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert timezone.localtime(article.published_at).strftime("%H:%M") == "09:30"
        assert article.is_scheduled
        assert ArticleEvent.objects.filter(action="scheduled").exists()
        staff_view = editor_client.get(article.get_absolute_url())
        assert "Scheduled for" in text(staff_view)


class TestPreviews:
    def test_share_link_shows_the_draft_to_anyone(self, editor_client):
        article = ArticleFactory(headline="Secret draft")
        html = editor_client.get(change_url(article)).content.decode()
        link = re.search(r'href="(/preview/[^"]+/)"', html).group(1)
        response = Client().get(link)
        assert response.status_code == 200
        assert "Secret draft" in text(response)
        assert "shared preview" in text(response)
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_expired_revoked_and_tampered_links(
        self, client, editor_client, time_machine, settings
    ):
        settings.NEWSROOM_PREVIEW_HOURS = 48
        article = ArticleFactory()
        link = previews.link(article)
        assert client.get(link[:-3] + "xx/").status_code == 404
        time_machine.move_to(timezone.now() + timedelta(hours=49))
        assert client.get(link).status_code == 404
        time_machine.move_to(timezone.now() - timedelta(hours=49))
        fresh = previews.link(article)
        assert client.get(fresh).status_code == 200
        editor_client.post(change_url(article), change_data(article, revoke_previews="on"))
        assert client.get(fresh).status_code == 404
        assert ArticleEvent.objects.filter(action="preview_revoked").exists()

    def test_link_to_a_published_article_goes_to_it(self, client):
        article = ArticleFactory(published=True)
        response = client.get(previews.link(article))
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


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
        assert "First&nbsp;headline</span>" in headline_diff
        assert "Second&nbsp;headline</span>" in headline_diff
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


class TestConcurrentEditing:
    def test_second_save_is_refused_and_keeps_the_text(self, editor_client):
        article = ArticleFactory(headline="Original")
        first_form = change_data(article, headline="Editor A's headline")
        second_form = change_data(
            article, headline="Editor B's headline", body="<p>B's precious paragraph.</p>"
        )
        assert editor_client.post(change_url(article), first_form).status_code == 302
        response = editor_client.post(change_url(article), second_form)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Someone else saved this article" in html
        assert "B&#x27;s precious paragraph." in html or "B's precious paragraph." in html
        assert Article.objects.get().headline == "Editor A's headline"


class TestCorrections:
    def test_correction_on_page_updated_time_corrections_page_and_json_ld(
        self, editor_client, client, time_machine
    ):
        article = ArticleFactory(published=True, headline="Budget story")
        time_machine.move_to(timezone.now() + timedelta(hours=2))
        data = change_data(
            article,
            **inline_management("notes", 1),
            **{
                "notes-0-kind": "correction",
                "notes-0-text": "An earlier version gave the wrong figure.",
                "notes-0-created_at_0": f"{timezone.localtime():%Y-%m-%d}",
                "notes-0-created_at_1": f"{timezone.localtime():%H:%M:%S}",
            },
        )
        assert editor_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.was_updated
        page = client.get(article.get_absolute_url())
        assert "Correction , " in text(page) or "Correction, " in text(page)
        assert "An earlier version gave the wrong figure." in text(page)
        assert "Updated" in text(page)
        ld = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', page.content.decode(), re.S
        ).group(1)
        data = json.loads(ld)
        assert data[0]["correction"][0]["text"] == "An earlier version gave the wrong figure."
        assert data[0]["@type"] == "NewsArticle"
        listing = text(client.get("/corrections/"))
        assert "Budget story" in listing
        assert "wrong figure" in listing
        assert ArticleEvent.objects.filter(action="corrected").exists()

    def test_writers_cannot_add_corrections(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        html = writer_client.get(change_url(article)).content.decode()
        assert "Add another Correction or update" not in html

    def test_corrections_of_unpublished_articles_are_not_listed(self, client):
        draft = ArticleFactory(headline="Hidden")
        ArticleNote.objects.create(article=draft, text="Not public")
        assert "Not public" not in text(client.get("/corrections/"))


class TestDevelopingStories:
    def test_updates_newest_first_at_the_top_and_polled(self, client, time_machine):
        article = ArticleFactory(published=True, is_developing=True, body="<p>The body text.</p>")
        now = timezone.now()
        LiveUpdate.objects.create(
            article=article, text="Older update", created_at=now - timedelta(minutes=5)
        )
        LiveUpdate.objects.create(article=article, text="Newest update", created_at=now)
        page = text(client.get(article.get_absolute_url()))
        assert (
            page.index("Newest update") < page.index("Older update") < page.index("The body text.")
        )
        assert "More follows…" in page
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'src="/static/js/live-updates.js"' in html
        fragment = client.get(reverse("articles:live_updates", args=[article.pk]))
        assert fragment.status_code == 200
        assert "Newest update" in fragment.content.decode()
        LiveUpdate.objects.create(article=article, text="Brand new")
        assert (
            "Brand new"
            in client.get(reverse("articles:live_updates", args=[article.pk])).content.decode()
        )

    def test_no_updates_for_drafts(self, client):
        draft = ArticleFactory(is_developing=True)
        assert client.get(reverse("articles:live_updates", args=[draft.pk])).status_code == 404


class TestRedirects:
    def test_slug_and_section_changes_keep_old_addresses(self, client, editor):
        world = SectionFactory(slug="world")
        europe = SectionFactory(slug="europe", parent=world)
        article = ArticleFactory(published=True, section=world, slug="first-slug")
        first = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.slug = "second-slug"
        article.save()
        second = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.section = europe
        article.save()
        final = article.get_absolute_url()
        assert final == "/world/europe/second-slug/"
        for old in (first, second):
            response = client.get(old)
            assert response.status_code == 301
            assert response["Location"] == final
        assert client.get(final).status_code == 200

    def test_renaming_a_section_keeps_its_articles_addresses(self, client):
        world = SectionFactory(slug="world")
        europe = SectionFactory(slug="europe", parent=world)
        ArticleFactory(published=True, section=europe, slug="story")
        world.slug = "world-news"
        world.save()
        response = client.get("/world/europe/story/")
        assert response.status_code == 301
        assert response["Location"] == "/world-news/europe/story/"

    def test_drafts_leave_no_redirects(self, client):
        article = ArticleFactory(slug="draft-one")
        old = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.slug = "draft-two"
        article.save()
        assert client.get(old).status_code == 404
