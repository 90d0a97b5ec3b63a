"""WordPress pages become pages: their hierarchy kept, their old addresses
redirected, never duplicated by a second run."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from articles.models import Article, Page
from tests.helpers.html import soup
from tests.helpers.wordpress import EXPORTS, edited, picture, run_import

pytestmark = pytest.mark.django_db

PAGES = EXPORTS / "pages.xml"


def paths():
    return sorted(Page.objects.values_list("path", "status"))


def test_pages_keep_their_hierarchy_and_addresses(client):
    summary, _ = run_import(PAGES)
    assert paths() == [
        ("about-us", "published"),
        ("about-us/our-team", "published"),
        ("about-us/our-team/photographers", "published"),
        ("advertise", "draft"),
        ("section-page", "published"),
    ]
    assert "  Pages: 5 created, 0 updated" in summary.splitlines()
    assert Article.objects.get().headline == "Harbour reopens"
    team = client.get("/about-us/our-team/")
    assertContains(team, "<p>Ann edits; <strong>Ben</strong> reports.</p>", html=True)
    assertContains(team, "<td>Ports</td>", html=True)
    assertContains(
        team, '<li><a href="/about-us/our-team/photographers/">Photographers</a></li>', html=True
    )
    assert Page.objects.get(slug="our-team").summary == "The people of the Gazette."
    about = client.get("/about-us/")
    assertContains(about, "<p>We are independent.</p>", html=True)
    assert "/section/ is the site's or a section's" in summary
    assert "posts in WordPress's trash: 1" in summary


def test_old_addresses_of_pages_lead_to_them(client):
    run_import(PAGES)
    moved = Client().get("/section/")
    assert moved.status_code == 301
    assert moved["Location"] == "/section-page/"
    assert Client().get("/?page_id=11")["Location"] == "/about-us/our-team/"
    # A draft's address leads nowhere for readers.
    assert Client().get("/?page_id=14").status_code == 200  # the home page


def test_a_second_run_updates_and_does_not_duplicate(tmp_path):
    run_import(PAGES)
    changed = edited(PAGES, tmp_path, {"Our photographers cover": "Our photographers shoot"})
    summary, _ = run_import(changed)
    assert "  Pages: 0 created, 5 updated" in summary.splitlines()
    assert Page.objects.count() == 5
    assert "shoot" in Page.objects.get(slug="photographers").body
    assert paths()[2] == ("about-us/our-team/photographers", "published")


def test_a_page_whose_parent_is_missing_is_top_level(tmp_path):
    orphaned = edited(
        PAGES,
        tmp_path,
        {"<wp:post_parent>10</wp:post_parent>": "<wp:post_parent>99</wp:post_parent>"},
    )
    summary, _ = run_import(orphaned)
    assert "page 11: its parent page 99 is not in the export" in summary
    assert Page.objects.get(slug="photographers").path == "our-team/photographers"


def test_a_pages_pictures_galleries_and_embeds_become_blocks_where_they_stood(tmp_path, client):
    uploads = tmp_path / "uploads"
    for name in ("crane", "ferry", "gulls"):
        picture(uploads / f"2020/01/{name}.jpg")
    caption = (
        'Cranes arrived on Monday.\n\n[caption id="attachment_102" align="alignright" '
        'width="300"]<img class="wp-image-102" src="https://quay.example.org/wp-content/'
        'uploads/2020/01/ferry.jpg" alt="The ferry at the quay" /> The morning ferry[/caption]'
    )
    export = edited(
        EXPORTS / "galleries-embeds.xml",
        tmp_path,
        {"<wp:post_type>post</wp:post_type>": "<wp:post_type>page</wp:post_type>",
         "Cranes arrived on Monday.": caption},
    )  # fmt: skip
    summary, _ = run_import(export, uploads)
    assert "Pictures in pages" not in summary
    page = Page.objects.get(slug="cranes-arrive")
    kinds = [tag["data-block"] for tag in soup(page.body).select("[data-block]")]
    assert kinds == ["image", "gallery", "embed", "embed", "embed", "gallery", "embed"]
    html = soup(client.get("/cranes-arrive/"))
    body = html.select_one(".article-body")
    texts = [node.get_text(" ", strip=True) for node in body.find_all(["p", "figure"])]
    assert texts[0] == "Cranes arrived on Monday."
    assert "The morning ferry" in texts[1]
    assert "figure-right" in body.find("figure")["class"]
    assert len(body.select("[data-testid=gallery]")) == 2
    assert len(body.select("[data-testid^=embed-]")) >= 2
