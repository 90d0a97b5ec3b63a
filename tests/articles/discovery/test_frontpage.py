"""The front page: the editors' pins and top stories, and the most liked and discussed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pagecache
from articles import likes
from articles.models import (
    Article,
    FrontPageSlot,
    Like,
)
from comments import moderation
from comments.models import Comment
from tests.helpers.comments import make_comment
from tests.helpers.factories import (
    ArticleFactory,
)
from tests.helpers.html import headlines, soup, text
from tests.helpers.times import ago

pytestmark = pytest.mark.django_db


class TestHome:
    def test_editor_pins_the_lead_and_orders_top_stories(self, client, world):
        latest = [
            ArticleFactory(published=True, section=world, headline=f"Latest {i}") for i in range(9)
        ]
        for i, article in enumerate(latest):
            Article.objects.filter(pk=article.pk).update(published_at=ago(hours=i + 1))
        old = ArticleFactory(published=True, section=world, headline="Pinned lead")
        Article.objects.filter(pk=old.pk).update(published_at=ago(days=20))
        second = ArticleFactory(published=True, headline="Pinned second")
        Article.objects.filter(pk=second.pk).update(published_at=ago(days=10))
        draft = ArticleFactory(headline="Pinned draft")
        FrontPageSlot.objects.create(position=0, article=old)
        FrontPageSlot.objects.create(position=2, article=second)
        FrontPageSlot.objects.create(position=1, article=draft)

        response = client.get("/")
        html = response.content.decode()
        front = soup(html).select_one("section.front")
        assert "Pinned lead" in front.select_one(".front-lead").get_text()
        # Place 1 was pinned to a draft: it falls back to the latest story.
        assert headlines(front) == [
            "Pinned lead",
            "Latest 0",
            "Pinned second",
            "Latest 1",
            "Latest 2",
            "Latest 3",
            "Latest 4",
        ]
        assert "Pinned draft" not in html
        # The section block shows the latest not already on the front.
        block = soup(html).select_one('[aria-labelledby="section-world-news"]')
        assert headlines(block)[:4] == [
            "Latest 5",
            "Latest 6",
            "Latest 7",
            "Latest 8",
        ]

    def test_no_pins_means_the_latest(self, client, world):
        for i in range(3):
            article = ArticleFactory(published=True, section=world, headline=f"Story {i}")
            Article.objects.filter(pk=article.pk).update(published_at=ago(hours=i + 1))
        html = client.get("/").content.decode()
        assert "Story 0" in html[html.index("front-lead") : html.index("front-top")]

    def test_most_liked_and_discussed_count_the_last_seven_days(self, client, world, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        liked = ArticleFactory(published=True, section=world, headline="Loved this week")
        once_loved = ArticleFactory(published=True, section=world, headline="Loved last month")
        discussed = ArticleFactory(published=True, section=world, headline="Argued about")
        hidden = ArticleFactory(headline="Draft with likes")
        for i in range(3):
            Like.objects.create(article=liked, reader=f"r{i}", created_at=ago(days=2))
            Like.objects.create(article=hidden, reader=f"r{i}", created_at=ago(days=1))
        for i in range(5):
            Like.objects.create(article=once_loved, reader=f"o{i}", created_at=ago(days=8))
        Like.objects.create(article=once_loved, reader="recent", created_at=ago(days=1))
        for i, status in enumerate(["approved", "approved", "pending", "spam"]):
            Comment.objects.create(
                article=discussed,
                name="Reader",
                email=f"r{i}@example.com",
                text=f"Comment {i}",
                status=status,
                submitted_at=ago(days=1),
            )
        Comment.objects.create(
            article=liked,
            name="Reader",
            email="old@example.com",
            text="Old comment",
            status="approved",
            submitted_at=ago(days=9),
        )

        page = text(client.get("/"))
        assert "Most liked this week 1. Loved this week 3 likes" in page.replace(
            "Most liked this week ", "Most liked this week 1. "
        ) or ("Loved this week 3 likes" in page and "Loved last month 1 like" in page)
        assert page.index("Loved this week 3 likes") < page.index("Loved last month 1 like")
        assert "Draft with likes" not in page
        assert "Most discussed this week Argued about 2 comments" in page
        # A week later, none of it counts any more.
        time_machine.move_to(timezone.now() + timedelta(days=7))
        page = text(client.get("/"))
        assert "Most liked this week" not in page
        assert "Most discussed this week" not in page

    def test_popularity_is_one_query_each(self, world, django_assert_num_queries):
        from articles.discovery import frontpage

        ArticleFactory(published=True, section=world)
        with django_assert_num_queries(1):
            frontpage.most_liked()
        with django_assert_num_queries(1):
            frontpage.most_discussed()


@pytest.mark.django_db(transaction=True)  # real commits: purges run when they commit
class TestPopularCounts:
    """The front page's "most liked" and "most discussed" are counted once a
    minute, or when a like or a comment changes them; the articles in them are
    read fresh every time."""

    @staticmethod
    def liked(world, headline, likes):
        article = ArticleFactory(published=True, section=world, headline=headline)
        for i in range(likes):
            Like.objects.create(article=article, reader=f"{headline}-{i}", created_at=ago(days=1))
        return article

    @staticmethod
    def most_liked(client):
        (section,) = soup(client.get("/")).select("section.popular-list")
        return [item.a.get_text() for item in section.select("li")]

    def test_a_correction_shows_at_once_without_counting_again(self, client, world):
        article = self.liked(world, "Storm hits coast", likes=2)
        assert self.most_liked(client) == ["Storm hits coast"]

        article.headline = "Storm hits north coast"
        article.save()
        with CaptureQueriesContext(connection) as queries:
            assert self.most_liked(client) == ["Storm hits north coast"]
        assert not [q["sql"] for q in queries if "articles_like" in q["sql"]]

    def test_an_unpublished_article_leaves_at_once_and_the_next_takes_its_place(
        self, client, world
    ):
        top = self.liked(world, "Most loved", likes=7)
        for count in range(6, 0, -1):
            self.liked(world, f"Loved {count}", likes=count)
        assert self.most_liked(client) == ["Most loved", "Loved 6", "Loved 5", "Loved 4", "Loved 3"]

        top.status = Article.Status.DRAFT
        top.save()
        assert self.most_liked(client) == ["Loved 6", "Loved 5", "Loved 4", "Loved 3", "Loved 2"]

    def test_a_like_and_an_approved_comment_count_again_at_once(self, client, world):
        first = self.liked(world, "First", likes=2)
        second = self.liked(world, "Second", likes=1)
        assert self.most_liked(client) == ["First", "Second"]
        assert "Most discussed this week" not in text(client.get("/"))

        for reader in ("a", "b"):
            likes.like(second, reader)
        assert self.most_liked(client) == ["Second", "First"]

        comment = make_comment(first, status=Comment.Status.PENDING, text="Well said")
        assert "Most discussed this week" not in text(client.get("/"))
        moderation.approve(comment)
        assert "Most discussed this week First 1 comment" in text(client.get("/"))

    def test_purging_the_whole_site_counts_again(self, client, world):
        self.liked(world, "First", likes=2)
        second = self.liked(world, "Second", likes=1)
        assert self.most_liked(client) == ["First", "Second"]
        # Rows written without their purge (an import purges `site` once at the end).
        for reader in ("a", "b"):
            Like.objects.create(article=second, reader=reader, created_at=ago(hours=1))
        assert self.most_liked(client) == ["First", "Second"], "kept for a minute"
        pagecache.purge(pagecache.SITE)
        assert self.most_liked(client) == ["Second", "First"]
