"""Which pages a change purges: exactly those that show the changed thing.

Every reader page of a small site is cached, one change is made the way the
admin and the reader actions make it, and the next reader of each page tells
which were drawn again (X-Page-Cache: miss) and which were served as cached.
"""

import pytest
from django.core.cache import cache
from taggit.models import Tag

from articles import likes
from articles.editorial import workflow
from articles.models import ArticleNote, SiteSettings
from comments import moderation
from images import library
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CaptionedImageFactory,
    UserFactory,
)

from .conftest import fetch

# Purges are sent when the transaction commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)

# The pages whose cards show article A (A is in Europe, under World, by Maya,
# tagged Climate; C, also in World, shows A under "Related stories" and A shows C).
SHOWING_A = {"home", "a", "c", "world", "europe", "tag climate", "author maya"}


def test_a_correction_purges_its_article_and_the_corrections_page(site):
    ArticleNote.objects.create(article=site.a, text="An earlier version misspelt a name.")
    # Cards and teasers show nothing of a correction; feed items say when the
    # text last changed.
    assert site.redrawn() == {"a", "rss", "corrections"}
    assert "misspelt" in fetch(site.pages["a"]).content.decode()
    assert "misspelt" in fetch(site.pages["corrections"]).content.decode()


def test_a_typo_fixed_in_the_body_purges_its_article_the_feeds_and_the_sitemap(site, settings):
    settings.NEWSROOM_FEED_FULL_TEXT = True
    cache.clear()  # the feeds as they are drawn with the whole text
    site.warm()
    site.b.body = "<p>Extra time, and a late winner.</p>"
    site.b.save()
    # Not the listings, the home page or the tag and author pages: cards show no body.
    assert site.redrawn() == {"b", "rss", "sport rss", "sitemap"}
    assert "a late winner" in fetch(site.pages["b"]).content.decode()
    assert "a late winner" in fetch(site.pages["sport rss"]).content.decode()


def test_a_headline_edit_purges_the_pages_showing_it_and_the_sitemap(site):
    site.a.headline = "Alpha, corrected"
    site.a.save()
    assert site.redrawn() == SHOWING_A | {"rss", "sitemap"}
    assert "Alpha, corrected" in fetch("/section/world/").content.decode()


def test_publishing_purges_the_listings_the_article_enters(site):
    editor = UserFactory(is_staff=True, groups=["Editors"])
    fresh = ArticleFactory(section=site.sport, authors=[site.sam], headline="Delta in Sport")
    fresh.tags.add(site.football)
    assert site.redrawn() == set(), "a draft shows nowhere"
    workflow.publish(fresh, editor)
    assert site.redrawn() == {"home", "sport", "tag football", "author sam", "rss", "sport rss",
                              "sitemap"}  # fmt: skip
    assert "Delta in Sport" in fetch("/section/sport/").content.decode()


def test_unpublishing_and_deleting_purge_every_page_showing_the_article(site):
    editor = UserFactory(is_staff=True, groups=["Editors"])
    workflow.unpublish(site.a, editor)
    assert fetch(site.pages.pop("a"), status=404)
    assert fetch(site.pages.pop("tag climate"), status=404)  # no public article has the tag
    assert site.redrawn() == SHOWING_A - {"a", "tag climate"} | {"rss", "sitemap"}
    assert "Alpha in Europe" not in fetch("/").content.decode()
    site.c.delete()
    site.pages.pop("c")
    assert site.redrawn() == {"home", "world", "author sam", "rss", "sitemap", "corrections"}


def test_renaming_a_subsection_purges_its_pages_not_the_site(site):
    site.europe.name = "Europe and Eurasia"
    site.europe.save()
    assert site.redrawn() == SHOWING_A | {"rss", "sitemap"}
    assert "Europe and Eurasia" in fetch(site.pages["a"]).content.decode()


def test_renaming_a_top_level_section_purges_every_page_with_the_menu(site):
    site.sport.name = "Sports"
    site.sport.save()
    # Every page draws the menu (the feeds name Sport as Beta's category).
    assert site.redrawn() == set(site.pages)


def test_a_tag_change_purges_its_listing_and_the_articles_showing_it(site):
    tag = Tag.objects.get(pk=site.climate.pk)
    tag.name = "Climate crisis"
    tag.save()
    assert site.redrawn() == {"a", "tag climate", "rss", "sitemap"}
    site.b.tags.add(tag)
    # Beta's page and its feed items list its tags; cards do not.
    assert site.redrawn() == {"b", "tag climate", "rss", "sport rss", "sitemap"}


def test_an_author_change_purges_their_page_and_their_bylines(site):
    site.maya.name = "Maya Okafor"
    site.maya.save()
    # Cards with bylines (listings, the home page, feeds) and the article page;
    # "Related stories" cards show no byline.
    assert site.redrawn() == {"a", "home", "world", "europe", "tag climate", "author maya",
                              "rss", "sitemap"}  # fmt: skip


def test_site_settings_purge_every_page(site):
    settings_row = SiteSettings.current()
    settings_row.site_name = "The Daily Test"
    settings_row.save()
    assert site.redrawn() == set(site.pages)
    assert "The Daily Test" in fetch("/").content.decode()


def test_an_approved_comment_purges_its_article_and_its_cards(site):
    comment, _ = moderation.submit(
        article=site.b, name="Jo", email="jo@example.com", text="Great match report.",
        ip_address="192.0.2.7",
    )  # fmt: skip
    assert site.redrawn() == set(), "a comment awaiting moderation shows nowhere"
    moderation.approve(comment)
    assert site.redrawn() == {"b", "home", "sport", "tag football", "author sam"}
    assert "Great match report." in fetch(site.pages["b"]).content.decode()


def test_a_like_purges_its_article_and_its_cards(site):
    likes.like(site.b, likes.new_reader_id())
    assert site.redrawn() == {"b", "home", "sport", "tag football", "author sam"}
    assert "1 reader likes this" in fetch(site.pages["b"]).content.decode()


def test_a_rolled_back_change_purges_nothing(site):
    from django.db import transaction

    def correct_then_fail():
        with transaction.atomic():
            ArticleNote.objects.create(article=site.a, text="Never committed.")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        correct_then_fail()
    assert site.redrawn() == set()


def test_pages_send_their_keys_to_caches_in_front(site):
    response = fetch(site.pages["a"])
    keys = set(response["Surrogate-Key"].split())
    assert set(response["Cache-Tag"].split(",")) == keys
    assert {f"article:{site.a.pk}", f"section:{site.europe.pk}", f"section:{site.world.pk}",
            f"author:{site.maya.pk}", f"tag:{site.climate.pk}", f"article:{site.c.pk}", "site",
            "nav"} <= keys  # fmt: skip
    assert f"article:{site.b.pk}" not in keys
    listing = fetch(site.pages["sport"])
    assert listing["Surrogate-Key"] == fetch(site.pages["sport"])["Surrogate-Key"]  # a hit too
    assert f"list:section:{site.sport.pk}" in listing["Surrogate-Key"].split()


def test_a_page_in_the_footer_purges_every_page_with_the_footer(site):
    from articles.models import Page

    about = Page(title="About us", slug="about", status=Page.Status.PUBLISHED, in_footer=True)
    about.full_clean()
    about.save()
    # Every HTML page draws the footer menu (feeds do not).
    html_pages = set(site.pages) - {"rss", "sport rss"}
    assert site.redrawn() == html_pages
    site.pages["about"] = "/about/"
    fetch("/about/")
    team = Page(title="Our team", slug="team", parent=about, status=Page.Status.PUBLISHED)
    team.full_clean()
    team.save()
    # Not in the footer: the page views (About lists its children) and the sitemaps.
    assert site.redrawn() == {"about", "sitemap"}


def test_a_scheduled_article_purges_the_listings_it_enters_when_its_time_comes(site, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article

    start = timezone.now()
    time_machine.move_to(start, tick=False)
    ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=start + timedelta(minutes=5),
        section=site.sport, authors=[site.sam], headline="Epsilon at five past",
    )  # fmt: skip
    assert site.redrawn() == set(), "scheduled, not yet public"
    time_machine.move_to(start + timedelta(minutes=5, seconds=1), tick=False)
    # The home page is drawn again anyway: it is fresh for a minute at most.
    assert site.redrawn() == {"home", "sport", "author sam", "rss", "sport rss", "sitemap"}
    assert "Epsilon at five past" in fetch("/section/sport/").content.decode()


def test_new_renditions_purge_the_pages_showing_the_picture(site):
    image = CaptionedImageFactory()
    ArticleImageFactory(article=site.a, image=image)
    site.warm()
    # Renditions are written with a queryset update (no save of the image's row).
    library.make_renditions(image)
    assert site.redrawn() == {"a"}
    assert fetch(site.pages["a"]).content.decode().count("srcset=") >= 1
