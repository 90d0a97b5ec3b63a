"""The benchmark data generator (`manage.py generate_articles`): what it makes, that
the counters agree with the rows, and, on PostgreSQL, the COPY path with its ids,
sequence and search documents."""

import io
import random
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils.html import escape
from taggit.models import TaggedItem

from articles.models import Article, ArticleImage, Byline, Like, RelatedLink, SearchDocument
from comments.models import Comment
from ops.generate.text import WORDS, Text

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY path is PostgreSQL's"
)


def generate(count, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_articles", count, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def check_rows(count, runs=1):
    articles = Article.objects.filter(slug__startswith="bench-")
    assert articles.count() == count
    assert articles.exclude(status=Article.Status.PUBLISHED).count() == 0
    ids = set(articles.values_list("pk", flat=True))
    assert Byline.objects.filter(article__in=ids).count() == count
    assert ArticleImage.objects.filter(article__in=ids).count() == count
    assert TaggedItem.objects.filter(object_id__in=ids, tag__name__startswith="Topic ").count() == (
        3 * count
    )
    links = RelatedLink.objects.filter(article__in=ids)
    assert links.filter(target__isnull=True).count() == count
    # Each article links to the one before it, except the first of each run.
    assert links.filter(target__isnull=False).count() == count - runs
    for article in articles:
        assert article.like_count == Like.objects.filter(article=article).count()
        assert article.comment_count == Comment.objects.filter(article=article).count()
    assert Comment.objects.filter(article__in=ids).exclude(status="approved").count() == 0
    return articles


@pytest.mark.django_db
def test_generates_articles_with_everything_a_page_shows(client):
    out, err = generate(23, batch=5)
    articles = check_rows(23)
    assert "Created 23 articles" in out
    assert "23/23 articles" in err
    assert len({a.headline for a in articles}) == 23
    article = articles.order_by("pk").last()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    figure = article.figures.get()
    assert figure.image.caption
    assert escape(figure.image.caption) in response.content.decode()
    assert article.body.count("<p>") == 8


@pytest.mark.django_db
def test_a_second_run_adds_after_the_first():
    generate(4, batch=3)
    generate(3)
    check_rows(7, runs=2)
    # A new article (from the site) takes an id past the generated ones.
    article = Article.objects.filter(slug__startswith="bench-").first()
    new = Article.objects.create(
        headline="New", slug="new", standfirst="New.", section=article.section
    )
    assert new.pk > max(Article.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_bodies_vary_and_a_common_word_matches_some_not_all():
    text = Text(random.Random(1))
    bodies = [text.body() for _ in range(3000)]
    assert len(set(bodies)) == len(bodies)
    words = [re.compile(rf"\b{word}\b", re.IGNORECASE) for word in WORDS]
    shares = [sum(bool(word.search(body)) for body in bodies) / len(bodies) for word in words]
    assert 0.02 < shares[0] < 0.3  # "minister"
    assert all(0 < share < 0.3 for share in shares)
    assert not any(c in "".join(bodies) for c in "\t\n\\")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_copy_builds_search_documents_and_moves_the_sequence():
    """Outside a transaction: batches are committed by their own threads."""
    out, _ = generate(12, batch=5)
    articles = check_rows(12)
    assert "Search documents" in out
    ids = list(articles.values_list("pk", flat=True))
    assert sorted(ids) == list(range(min(ids), min(ids) + 12))
    assert SearchDocument.objects.filter(article__in=ids).count() == 12
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM articles_article_id_seq")
        assert cursor.fetchone()[0] >= max(ids)
    # The words of a headline find its article.
    article = articles.get(pk=ids[0])
    word = article.headline.split()[0]
    found = SearchDocument.objects.filter(vector=word).values_list("article_id", flat=True)
    assert article.pk in found


@postgres_only
@pytest.mark.django_db
def test_postgres_inside_a_transaction_builds_search_documents_too():
    generate(6, batch=4)
    articles = check_rows(6)
    assert SearchDocument.objects.filter(article__in=articles).count() == 6
