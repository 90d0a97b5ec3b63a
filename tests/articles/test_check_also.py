"""Check Also never offers a story the article's text already links to."""

import pytest
from django.test.html import parse_html

from tests.helpers.factories import ArticleFactory, RelatedLinkFactory, SectionFactory
from tests.helpers.html import find_all

pytestmark = pytest.mark.django_db


def check_also(client, article):
    tree = parse_html(client.get(article.get_absolute_url()).content.decode())
    (aside,) = find_all(tree, "aside", class_="check-also")
    return str(aside)


@pytest.mark.parametrize("picked", [False, True], ids=["ranked", "editor's pick"])
def test_a_story_linked_in_the_text_is_not_check_also(client, picked):
    section = SectionFactory()
    linked = ArticleFactory(published=True, section=section, headline="Linked in the text")
    other = ArticleFactory(published=True, section=section, headline="Something new")
    article = ArticleFactory(published=True, section=section, headline="The story")
    # The linked story is the best candidate: the newest in the section, or picked.
    type(linked).objects.filter(pk=linked.pk).update(published_at=article.published_at)
    if picked:
        article.check_also = linked
        article.save()
    html = check_also(client, article)
    assert "Linked in the text" in html  # without the link in the text it is chosen
    RelatedLinkFactory(article=article, target=linked, url="", teaser_headline="")
    html = check_also(client, article)
    assert "Linked in the text" not in html
    assert "Something new" in html
    assert other.headline in html
