import pytest
from django.test import Client

from articles.models import Section
from tests.helpers.factories import ArticleFactory, AuthorFactory, SectionFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0


def fetch(url, status=200, **headers):
    """A new anonymous reader's GET, and how the page cache answered it."""
    response = Client().get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return response


class Site:
    """A small newsroom: World (with Europe under it) and Sport; three public
    articles; every reader page that shows them, by name."""

    def __init__(self):
        self.world = SectionFactory(name="World", slug="world")
        self.europe = SectionFactory(name="Europe", slug="europe", parent=self.world)
        self.sport = SectionFactory(name="Sport", slug="sport")
        self.maya, self.sam = AuthorFactory(name="Maya"), AuthorFactory(name="Sam")
        self.a = ArticleFactory(
            published=True, headline="Alpha in Europe", section=self.europe,
            authors=[self.maya], tags=["Climate"],
        )  # fmt: skip
        self.b = ArticleFactory(
            published=True, headline="Beta in Sport", section=self.sport, authors=[self.sam],
            tags=["Football"],
        )  # fmt: skip
        self.c = ArticleFactory(
            published=True, headline="Gamma in World", section=self.world, authors=[self.sam]
        )
        self.climate = self.a.tags.get()
        self.football = self.b.tags.get()
        self.pages = {
            "home": "/",
            "a": self.a.get_absolute_url(),
            "b": self.b.get_absolute_url(),
            "c": self.c.get_absolute_url(),
            "world": "/section/world/",
            "europe": "/section/world/europe/",
            "sport": "/section/sport/",
            "tag climate": f"/tag/{self.climate.slug}/",
            "tag football": f"/tag/{self.football.slug}/",
            "author maya": self.maya.get_absolute_url(),
            "author sam": self.sam.get_absolute_url(),
            "rss": "/feeds/rss/",
            "sport rss": "/feeds/section/sport/rss/",
            "sitemap": "/sitemaps/articles.xml",
            "corrections": "/corrections/",
        }

    def warm(self):
        for url in self.pages.values():
            fetch(url)
        assert self.redrawn() == set(), "every page is cached"

    def redrawn(self):
        """The pages the next reader gets freshly drawn (the others are served
        from the cache as they were)."""
        return {name for name, url in self.pages.items() if fetch(url)["X-Page-Cache"] == "miss"}

    def reload(self):
        for name in ("a", "b", "c"):
            setattr(self, name, type(getattr(self, name)).objects.get(pk=getattr(self, name).pk))
        self.europe = Section.objects.get(pk=self.europe.pk)
        self.world = Section.objects.get(pk=self.world.pk)


@pytest.fixture
def site(db):
    built = Site()
    built.warm()
    return built
