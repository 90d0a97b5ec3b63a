"""Related links placed in an article's body."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import RelatedLink
from tests.helpers.factories import (
    ArticleFactory,
    RelatedLinkFactory,
)

pytestmark = pytest.mark.django_db


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
