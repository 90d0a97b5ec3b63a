"""Categories and tags of a post, in every WXR version."""

import pytest

from articles.models import Article
from tests.test_wordpress import EXPORTS, run_import

pytestmark = pytest.mark.django_db


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
