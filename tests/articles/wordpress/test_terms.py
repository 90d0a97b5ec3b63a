"""Categories and tags of a post, in every WXR version."""

import pytest
from django.contrib.auth.models import User

from articles.models import (
    Article,
    Author,
    ImportedObject,
    Section,
)
from tests.helpers.factories import ArticleFactory, SectionFactory
from tests.helpers.wordpress import (
    EXPORTS,
    GAZETTE,
    imported_article,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_authors_keep_login_name_bio_and_email_without_accounts(gazette):
    jane = Author.objects.get(slug="jane")
    assert jane.name == "Jane Doe"
    assert jane.bio == "Jane covers the harbour and the council."
    bob = Author.objects.get(slug="bob-smith")  # from the login "bob.smith"
    assert bob.name == "Bob Smith"
    assert bob.bio == ""
    record = ImportedObject.objects.get(kind="author", key="bob.smith")
    assert record.details["email"] == "bob@gazette.example.com"
    assert not User.objects.exists()
    assert list(imported_article(1).authors.all()) == [jane]
    assert list(imported_article(2).authors.all()) == [bob]


def test_categories_become_the_section_tree(gazette):
    paths = set(Section.objects.values_list("path", flat=True))
    assert paths == {
        "uncategorized",
        "news",
        "news/world",
        "news/world/europe",
        "sport",
        "arts-culture",
    }
    europe = Section.objects.get(path="news/world/europe")
    assert [s.name for s in europe.lineage()] == ["News", "World", "Europe"]
    assert Section.objects.get(path="arts-culture").name == "Arts & Culture"
    assert Section.objects.get(path="news").description == "What happened today."


def test_first_category_is_the_section_the_others_and_tags_are_tags(gazette):
    harbour = imported_article(1)
    assert harbour.section.path == "news/world/europe"
    assert sorted(tag.name for tag in harbour.tags.all()) == ["Harbour", "Sport", "Town council"]
    # A post without a category goes to WordPress's default, "Uncategorized".
    assert imported_article(3).section.path == "uncategorized"


def test_post_without_category_goes_to_the_default_section_given(uploads):
    run_import(GAZETTE, uploads, default_section="Unfiled")
    assert imported_article(3).section.path == "unfiled"


def test_existing_sections_are_used_and_reserved_addresses_avoided(uploads):
    news = SectionFactory(name="News desk", slug="news")
    ArticleFactory(section=news, slug="election-night")
    summary, _ = run_import(GAZETTE, uploads)
    assert imported_article(2).section == news
    assert imported_article(2).slug == "election-night-2"
    assert Section.objects.get(pk=news.pk).name == "News"  # now the category's


def test_wxr_1_0_tags_reach_their_posts(client):
    summary, _ = run_import(EXPORTS / "wxr-1.0-tags.xml")
    assert summary.startswith("Imported http://oldblog.example.com (WXR 1.0).")
    article = Article.objects.get()
    assert article.section.path == "travel"
    assert sorted(tag.name for tag in article.tags.all()) == ["Night travel", "Scotland", "Trains"]
    assert "Other taxonomies" not in summary
    page = client.get(article.get_absolute_url()).content.decode()
    assert ">Night travel</a>" in page
    assert client.get("/tag/scotland/").status_code == 200
