import pytest

from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
)


@pytest.fixture
def reference_article(world):
    """An article with every part of the reference page: two authors, tags, a lead
    image, a figure, an internal and an external related link, an editor's pick."""
    europe = SectionFactory(name="Europe", slug="europe", parent=world)
    author_one = AuthorFactory(
        name="Maya Okafor", slug="maya", bio="Maya covers diplomacy.", photo=CaptionedImageFactory()
    )
    author_two = AuthorFactory(name="Tom Lindqvist", slug="tom", bio="Tom covers technology.")
    target = ArticleFactory(
        published=True,
        section=europe,
        headline="Spy visited as translator",
        lead_image=CaptionedImageFactory(),
    )
    pick = ArticleFactory(
        published=True,
        headline="Crew returns from the edge of space",
        standfirst="Four passengers spent eleven minutes in space.",
    )
    reference_article = ArticleFactory(
        published=True,
        section=europe,
        headline="Ministers clash over cyber attacks",
        standfirst="A tense news conference in Moscow.",
        body="<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>",
        authors=[author_one, author_two],
        tags=["Russia", "Diplomacy"],
        lead_image=CaptionedImageFactory(caption="Lead caption", credit="Lead Credit"),
        is_developing=True,
        check_also=pick,
    )
    ArticleImageFactory(
        article=reference_article,
        after_paragraph=1,
        image=CaptionedImageFactory(caption="Divers deployed", credit="Les Whitfield"),
    )
    RelatedLinkFactory(
        article=reference_article, target=target, url="", teaser_headline="", after_paragraph=2
    )
    RelatedLinkFactory(
        article=reference_article,
        url="https://example.org/analysis",
        teaser_headline="Background analysis",
        after_paragraph=3,
    )
    return reference_article
