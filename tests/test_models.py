from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import body
from articles.models import Article, RelatedLink, SectionTree

from .factories import ArticleFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


class TestPublished:
    def test_only_published_articles_whose_time_has_come_are_public(self):
        public = ArticleFactory(published=True)
        ArticleFactory()  # draft
        ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
        )  # scheduled
        assert list(Article.objects.published()) == [public]

    def test_scheduled_article_becomes_public_when_its_time_passes(self, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        article = ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(minutes=5)
        )
        assert not Article.objects.published().exists()
        time_machine.shift(timedelta(minutes=5))
        assert list(Article.objects.published()) == [article]

    def test_publishing_without_a_time_stamps_now(self):
        article = ArticleFactory(status=Article.Status.PUBLISHED)
        assert article.published_at is not None
        assert article.published_at <= timezone.now()

    def test_database_refuses_published_without_time(self):
        article = ArticleFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)

    def test_updated_time_moves_only_when_published_text_changes(self, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        article = ArticleFactory(published=True)
        article = Article.objects.get(pk=article.pk)
        article.is_developing = True
        article.save()
        assert article.updated_at is None
        time_machine.shift(timedelta(hours=2))
        article.standfirst = "A new standfirst"
        article.save()
        assert article.updated_at == timezone.now()
        assert article.was_updated


class TestSections:
    def test_path_follows_the_tree_and_moves_with_its_parent(self):
        world = SectionFactory(name="World News", slug="world-news")
        europe = SectionFactory(name="Europe", slug="europe", parent=world)
        nordic = SectionFactory(name="Nordic", slug="nordic", parent=europe)
        assert nordic.path == "world-news/europe/nordic"
        assert str(nordic) == "World News › Europe › Nordic"
        world.slug = "world"
        world.save()
        nordic.refresh_from_db()
        assert nordic.path == "world/europe/nordic"
        assert nordic.get_absolute_url() == "/section/world/europe/nordic/"

    def test_tree_gives_breadcrumbs_and_menu(self):
        world = SectionFactory(name="World News", slug="world-news", position=1)
        politics = SectionFactory(name="Politics", slug="politics", position=2)
        europe = SectionFactory(slug="europe", parent=world)
        tree = SectionTree.load()
        assert [s.pk for s in tree.ancestors(europe.pk)] == [world.pk, europe.pk]
        assert [s.pk for s in tree.top_level] == [world.pk, politics.pk]
        assert tree.root_of(europe.pk).pk == world.pk

    def test_a_section_cannot_be_inside_itself(self):
        world = SectionFactory(slug="world")
        europe = SectionFactory(slug="europe", parent=world)
        world.parent = europe
        with pytest.raises(ValidationError, match="inside itself"):
            world.full_clean()

    def test_top_level_slug_cannot_shadow_site_paths(self):
        with pytest.raises(ValidationError, match="used by the site"):
            SectionFactory.build(slug="admin", name="Admin").full_clean()

    def test_slug_unique_within_parent(self):
        world = SectionFactory(slug="world")
        SectionFactory(slug="europe", parent=world)
        with pytest.raises(ValidationError, match="already has a section"):
            SectionFactory.build(slug="europe", name="Europe", parent=world).full_clean()


class TestCheckAlso:
    def test_editors_pick_comes_first(self):
        pick = ArticleFactory(published=True)
        article = ArticleFactory(published=True, check_also=pick, tags=["a"])
        ArticleFactory(published=True, tags=["a"], section=article.section)
        assert article.check_also_candidates().first() == pick

    def test_unpublished_pick_is_ignored(self):
        pick = ArticleFactory()
        article = ArticleFactory(published=True, check_also=pick)
        sibling = ArticleFactory(published=True, section=article.section)
        assert article.check_also_candidates().first() == sibling

    def test_most_shared_tags_then_most_recent(self):
        now = timezone.now()
        article = ArticleFactory(published=True, tags=["Russia", "Cyber", "Diplomacy"])
        one = ArticleFactory(published=True, tags=["russia"], published_at=now)
        two_old = ArticleFactory(
            published=True, tags=["Russia", "Cyber"], published_at=now - timedelta(days=3)
        )
        two_new = ArticleFactory(
            published=True, tags=["Russia", "diplomacy"], published_at=now - timedelta(days=1)
        )
        ranked = list(article.check_also_candidates())
        assert ranked[:3] == [two_new, two_old, one]

    def test_falls_back_to_same_section_and_never_itself(self):
        article = ArticleFactory(published=True)
        ArticleFactory(published=True)  # other section, no tags: not a candidate
        same = ArticleFactory(published=True, section=article.section)
        ArticleFactory(section=article.section)  # draft
        assert list(article.check_also_candidates()) == [same]

    def test_an_article_cannot_pick_itself(self):
        article = ArticleFactory(published=True)
        article.check_also = article
        with pytest.raises(ValidationError):
            article.full_clean()


class TestBody:
    def test_sanitises_to_the_allowlist(self):
        dirty = (
            '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:x">x</a>'
            "<img src=x onerror=alert(1)></p><style>p{}</style>"
        )
        article = ArticleFactory(body=dirty)
        assert "script" not in article.body
        assert "onclick" not in article.body
        assert "javascript:" not in article.body
        assert "<img" not in article.body
        assert article.body.startswith("<p>Hi")

    def test_compose_places_items_after_their_paragraphs(self):
        article = ArticleFactory(body="<p>One</p><p>Two</p><p>Three</p>")
        RelatedLinkFactory(article=article, after_paragraph=2)
        RelatedLinkFactory(article=article, after_paragraph=0)
        RelatedLinkFactory(article=article, after_paragraph=99)  # beyond the end: at the end
        kinds = [
            block.kind if block.kind != "html" else str(block.html)
            for block in article.body_blocks()
        ]
        assert kinds == [
            "related",
            "<p>One</p>",
            "<p>Two</p>",
            "related",
            "<p>Three</p>",
            "related",
        ]

    def test_placements_follow_their_paragraph_through_edits(self):
        old = "<p>Alpha</p><p>Bravo</p><p>Charlie</p><p>Delta</p>"
        new = "<p>New intro</p><p>Alpha</p><p>Bravo, corrected</p><p>Delta</p>"
        move = body.reanchor(old, new)
        assert move(0) == 0
        assert move(1) == 2  # after Alpha, which moved down one
        assert move(2) == 3  # after Bravo, edited in place
        assert move(3) == 3  # Charlie was deleted: stays after the paragraph before it
        assert move(4) == 4  # after Delta

    def test_loose_text_becomes_paragraphs(self):
        assert body.paragraphs("First line<br>Second <em>line</em>") == [
            "<p>First line</p>",
            "<p>Second <em>line</em></p>",
        ]

    def test_empty_editor_document_is_empty(self):
        assert body.sanitize("<p></p>") == ""


class TestRelatedLink:
    def test_needs_exactly_one_destination(self):
        article = ArticleFactory()
        with pytest.raises(ValidationError):
            RelatedLink(article=article, after_paragraph=1).full_clean()
        with pytest.raises(ValidationError, match="teaser headline"):
            RelatedLink(article=article, url="https://example.org", after_paragraph=1).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            RelatedLink.objects.create(article=article, url="https://example.org")

    def test_internal_link_follows_its_target(self):
        target = ArticleFactory(published=True, headline="Old headline")
        link = RelatedLinkFactory(target=target, url="", teaser_headline="")
        target.headline = "New headline"
        target.save()
        link.refresh_from_db()
        assert link.headline == "New headline"
        assert link.href == target.get_absolute_url()
