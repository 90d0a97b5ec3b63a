"""The section tree: paths, breadcrumbs and the menu, and the loops and clashes it refuses."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import (
    SectionTree,
)
from tests.helpers.factories import (
    SectionFactory,
)

pytestmark = pytest.mark.django_db


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
