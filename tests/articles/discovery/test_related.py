"""Check Also (the editor's pick) and related stories under an article."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import (
    Article,
    SectionTree,
)
from tests.helpers.factories import (
    ArticleFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from tests.helpers.html import headlines, soup
from tests.helpers.times import ago

pytestmark = pytest.mark.django_db


class TestRelated:
    @pytest.fixture
    def ranked(self, world):
        home = SectionFactory(name="Home News", slug="home-news")
        europe = SectionFactory(name="Europe", slug="europe", parent=world)
        asia = SectionFactory(name="Asia", slug="asia", parent=world)
        pick = ArticleFactory(published=True, section=home, headline="Pick of the editor")
        article = ArticleFactory(
            published=True,
            section=europe,
            headline="The story",
            tags=["Russia", "Cyber"],
            check_also=pick,
        )

        def story(headline, days, **kwargs):
            made = ArticleFactory(published=True, headline=headline, **kwargs)
            Article.objects.filter(pk=made.pk).update(published_at=ago(days=days, minutes=1))
            return made

        story("Two tags, old", 60, section=home, tags=["Russia", "Cyber"])
        story("Same section, new", 0, section=europe)
        story("One tag, this week", 5, section=home, tags=["Cyber"])
        story("Same top section, old", 60, section=asia)
        story("Unrelated", 0, section=home)
        ArticleFactory(headline="Draft twin", section=europe, tags=["Russia", "Cyber"])
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(hours=2),
            headline="Scheduled twin",
            section=europe,
            tags=["Russia", "Cyber"],
        )
        return article

    def test_pick_first_then_shared_tags_section_and_recency(self, ranked):
        order = [a.headline for a in ranked.check_also_candidates(10)]
        assert order == [
            "Pick of the editor",
            "Two tags, old",
            "Same section, new",
            "One tag, this week",
            "Same top section, old",
        ]

    def test_one_query(self, ranked, django_assert_num_queries):
        article = Article.objects.prefetch_related("tags").get(pk=ranked.pk)
        SectionTree.load()
        with django_assert_num_queries(1):
            article.check_also_candidates(10)

    def test_article_page_shows_check_also_and_related_stories(self, client, ranked):
        html = client.get(ranked.get_absolute_url()).content.decode()
        check_also = soup(html).select_one("aside.check-also")
        assert "Pick of the editor" in check_also.get_text()
        related = soup(html).select_one("aside.related-stories")
        assert headlines(related) == [
            "Two tags, old",
            "Same section, new",
            "One tag, this week",
            "Same top section, old",
        ]
        for hidden in ("Draft twin", "Scheduled twin", "Unrelated"):
            assert hidden not in html

    def test_stories_the_body_links_to_are_not_repeated(self, client, ranked):
        linked = Article.objects.get(headline="Two tags, old")
        RelatedLinkFactory(article=ranked, target=linked, url="", teaser_headline="")
        html = client.get(ranked.get_absolute_url()).content.decode()
        related = str(soup(html).select_one("aside.related-stories"))
        assert "Two tags, old" not in related
        assert "Same section, new" in related

    def test_unpublished_pick_gives_way(self, ranked):
        Article.objects.filter(pk=ranked.check_also_id).update(status=Article.Status.DRAFT)
        assert ranked.check_also_candidates(1)[0].headline == "Two tags, old"


class TestKeptRanking:
    """An article keeps its ranking for NEWSROOM_PAGE_CACHE_SECONDS (related.py)."""

    @pytest.fixture
    def article(self):
        article = ArticleFactory(published=True, tags=["Russia"])
        ArticleFactory(published=True, headline="Shared tag", tags=["Russia"])
        ArticleFactory(published=True, headline="Same section", section=article.section)
        return article

    def headlines(self, article):
        return [item.headline for item in article.check_also_candidates(5)]

    def test_a_story_no_longer_public_drops_out_at_once(self, article):
        assert self.headlines(article) == ["Shared tag", "Same section"]
        Article.objects.filter(headline="Shared tag").update(status=Article.Status.UNPUBLISHED)
        assert self.headlines(article) == ["Same section"]

    def test_new_tags_rank_again_at_once(self, article):
        ArticleFactory(published=True, headline="Cyber", tags=["Cyber"])
        assert "Cyber" not in self.headlines(article)
        article.tags.add("Cyber")
        assert "Cyber" in self.headlines(Article.objects.get(pk=article.pk))

    def test_a_new_story_enters_with_the_next_ranking(self, article, settings):
        assert "Newer" not in self.headlines(article)
        ArticleFactory(published=True, headline="Newer", tags=["Russia"])
        assert "Newer" not in self.headlines(article)  # kept: as a cached page would be
        settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
        cache.clear()  # the kept ranking has run its time
        assert self.headlines(article)[0] == "Newer"

    def test_a_kept_ranking_is_read_in_one_query(self, article, django_assert_num_queries):
        article = Article.objects.prefetch_related("tags").get(pk=article.pk)
        SectionTree.load()
        article.check_also_candidates(5)
        with django_assert_num_queries(1):
            assert len(article.check_also_candidates(5)) == 2


class TestCheckAlso:
    def test_editors_pick_comes_first(self):
        pick = ArticleFactory(published=True)
        article = ArticleFactory(published=True, check_also=pick, tags=["a"])
        ArticleFactory(published=True, tags=["a"], section=article.section)
        assert article.check_also_candidates(1)[0] == pick

    def test_unpublished_pick_is_ignored(self):
        pick = ArticleFactory()
        article = ArticleFactory(published=True, check_also=pick)
        sibling = ArticleFactory(published=True, section=article.section)
        assert article.check_also_candidates(1)[0] == sibling

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
        ranked = article.check_also_candidates(10)
        assert ranked[:3] == [two_new, two_old, one]

    def test_falls_back_to_same_section_and_never_itself(self):
        article = ArticleFactory(published=True)
        ArticleFactory(published=True)  # other section, no tags: not a candidate
        same = ArticleFactory(published=True, section=article.section)
        ArticleFactory(section=article.section)  # draft
        assert article.check_also_candidates(10) == [same]

    def test_an_article_cannot_pick_itself(self):
        article = ArticleFactory(published=True)
        article.check_also = article
        with pytest.raises(ValidationError):
            article.full_clean()
