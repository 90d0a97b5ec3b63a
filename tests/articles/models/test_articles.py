"""What makes an article public, and when its updated time moves."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import (
    Article,
)
from tests.helpers.factories import (
    ArticleFactory,
)

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
