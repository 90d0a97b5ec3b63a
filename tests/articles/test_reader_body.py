"""The article's body is stored rendered (articles/reader_body.py) and follows every
change to what it shows: a caption or credit, a picture's renditions, a related
story's headline, address and publication, placements added and removed."""

from datetime import timedelta

import pytest
import time_machine
from django.test.html import parse_html
from django.utils import timezone

from articles import reader_body
from articles.models import Article, ArticleImage
from images import library
from images.models import CaptionedImage
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from tests.helpers.html import attr, find_all

pytestmark = pytest.mark.django_db


def words(node):
    if isinstance(node, str):
        return node
    return " ".join(" ".join(words(child) for child in node.children).split())


def body_of(client, article):
    """The article page's body element, as a reader gets it."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = parse_html(response.content.decode())
    [body] = find_all(page, "div", class_="article-body")
    return body


def captions(client, article):
    return [words(caption) for caption in find_all(body_of(client, article), "figcaption")]


def teasers(client, article):
    """(headline, address) of each related story in the body."""
    out = []
    for aside in find_all(body_of(client, article), "aside"):
        [link] = find_all(aside, "a")
        [headline] = find_all(link, "span", class_="related-headline")
        out.append((words(headline), attr(link, "href")))
    return out


def stored(article):
    """The stored body's HTML, read from the row."""
    row = Article.objects.get(pk=article.pk).reader_body
    return "".join(p if isinstance(p, str) else p["html"] for p in row["pieces"])


@pytest.fixture
def article():
    return ArticleFactory(published=True)


def test_the_page_draws_the_body_from_the_row_not_from_the_placements(client, article):
    image = CaptionedImageFactory(caption="Harbour at dawn", credit="Ana Ruiz")
    ArticleImageFactory(article=article, image=image, after_paragraph=1)
    assert "Harbour at dawn" in stored(article)
    # Changed behind the receivers' back: the page keeps showing what was stored.
    CaptionedImage.objects.filter(pk=image.pk).update(caption="Changed unseen")
    assert captions(client, article) == ["Harbour at dawn Pic: Ana Ruiz"]


def test_a_new_caption_and_credit_reach_every_article_showing_the_image(client, article):
    image = CaptionedImageFactory(caption="Old caption", credit="Old credit")
    other = ArticleFactory(published=True)
    ArticleImageFactory(article=article, image=image)
    ArticleImageFactory(article=other, image=image)
    image.caption, image.credit = "New caption", "New credit"
    image.save()
    for shown_in in (article, other):
        assert "New caption" in stored(shown_in)
        assert captions(client, shown_in) == ["New caption Pic: New credit"]


def test_blocks_added_moved_and_removed_follow(client, article):
    first = ArticleImageFactory(article=article, image=CaptionedImageFactory(caption="One"))
    ArticleImageFactory(
        article=article, image=CaptionedImageFactory(caption="Two"), after_paragraph=2
    )
    assert captions(client, article) == [
        "One Pic: " + first.image.credit,
        captions(client, article)[1],
    ]
    # The editor drags the first picture below the second.
    article.refresh_from_db()
    element = f'<figure data-block="image" data-image="{first.image_id}"></figure>'
    article.body = article.body.replace(element, "") + element
    article.save()
    assert [c.split(" Pic:")[0] for c in captions(client, article)] == ["Two", "One"]
    assert ArticleImage.objects.get(article=article, image=first.image).after_paragraph == 3
    # ... and deletes it.
    article.body = article.body.replace(element, "")
    article.save()
    assert [c.split(" Pic:")[0] for c in captions(client, article)] == ["Two"]
    assert not ArticleImage.objects.filter(article=article, image=first.image).exists()


def test_a_related_story_follows_its_headline_address_and_picture(client, article):
    target = ArticleFactory(published=True, headline="First headline", slug="first")
    RelatedLinkFactory(article=article, target=target, url="", teaser_headline="")
    assert teasers(client, article) == [("First headline", target.get_absolute_url())]
    target.headline, target.slug = "Second headline", "second"
    target.save()
    assert teasers(client, article) == [("Second headline", f"/{target.section.path}/second/")]
    target.lead_image = CaptionedImageFactory()
    target.save()
    assert len(find_all(body_of(client, article), "img")) == 1


def test_a_related_story_shows_only_while_its_article_is_public(client, article):
    target = ArticleFactory(published=True, headline="Linked story")
    RelatedLinkFactory(article=article, target=target, url="", teaser_headline="")
    target.status = Article.Status.UNPUBLISHED
    target.save()
    assert teasers(client, article) == []
    assert "Linked story" not in stored(article)  # not even kept hidden in the row
    # Scheduled: it appears by itself when its time comes, with no save.
    target.status, target.published_at = (
        Article.Status.PUBLISHED,
        timezone.now() + timedelta(hours=2),
    )
    target.save()
    assert teasers(client, article) == []
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert [headline for headline, _ in teasers(client, article)] == ["Linked story"]


def test_a_section_moving_moves_the_teasers_addresses(client, article):
    section = SectionFactory(slug="old-place")
    target = ArticleFactory(published=True, section=section, slug="story")
    RelatedLinkFactory(article=article, target=target, url="", teaser_headline="")
    section.slug = "new-place"
    section.save()
    assert [href for _, href in teasers(client, article)] == ["/new-place/story/"]


def test_new_renditions_reach_the_stored_picture(
    client, article, django_capture_on_commit_callbacks
):
    image = CaptionedImageFactory()  # no renditions until its transaction commits
    ArticleImageFactory(article=article, image=image)
    assert "srcset" not in stored(article)
    library.make_renditions(image)
    assert "srcset" in stored(article)
    [img] = find_all(body_of(client, article), "img")
    assert attr(img, "srcset")


def test_a_change_shown_in_many_articles_renders_them_on_their_next_view(client, monkeypatch):
    monkeypatch.setattr(reader_body, "RENDER_AT_ONCE", 1)
    image = CaptionedImageFactory(caption="Before")
    articles = [ArticleFactory(published=True) for _ in range(3)]
    for article in articles:
        ArticleImageFactory(article=article, image=image)
    image.caption = "After"
    image.save()
    assert Article.objects.filter(reader_body__isnull=True).count() == 3
    for article in articles:
        assert captions(client, article)[0].startswith("After")
        assert "After" in stored(article)  # stored by the view


def test_a_row_written_in_bulk_or_by_an_older_format_is_rendered_on_first_view(client, article):
    ArticleImageFactory(article=article, image=CaptionedImageFactory(caption="Placed"))
    Article.objects.filter(pk=article.pk).update(reader_body=None)
    assert captions(client, article)[0].startswith("Placed")
    assert "Placed" in stored(article)
    Article.objects.filter(pk=article.pk).update(reader_body={"v": 0, "pieces": ["<p>old</p>"]})
    assert captions(client, article)[0].startswith("Placed")
    assert Article.objects.get(pk=article.pk).reader_body["v"] == reader_body.FORMAT
