"""The admin's wording and layout: its header, one format for times, the compare
page (breadcrumbs, a diff by words, people named as History names them)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from articles.editorial import workflow
from articles.editorial.revisions import word_diff
from articles.models import Article, ArticleEvent
from tests.helpers.factories import ArticleFactory, AuthorFactory
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_the_header_names_the_site_once(editor_client):
    response = editor_client.get(reverse("admin:index"))
    html = response.content.decode()
    assert f"{settings.NEWSROOM_SITE_NAME} newsroom" not in html
    site = f'<div id="site-name"><a href="/admin/">{settings.NEWSROOM_SITE_NAME}</a></div>'
    assert site in html.replace("\n", "")


def test_a_scheduled_row_writes_its_time_as_the_list_does(editor_client, editor):
    article = ArticleFactory(headline="Embargoed", authors=[AuthorFactory()])
    when = datetime(2099, 12, 5, 23, 50, tzinfo=LONDON)
    workflow.publish(article, editor, at=when)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Scheduled for 5 Dec 2099, 11:50 p.m." in html
    assert html.count("5 Dec 2099, 11:50 p.m.") == 2  # the state and the publish time
    note = ArticleEvent.objects.get(action=ArticleEvent.Action.SCHEDULED).note
    assert note == "for 5 Dec 2099, 11:50 p.m."


def test_a_diff_by_words_never_splits_one():
    old, new = word_diff("Boats left the harbor at dawn.", "Boats left the harbour at dawn.")
    assert old == "Boats left the <del>harbor</del> at dawn."
    assert new == "Boats left the <ins>harbour</ins> at dawn."
    old, new = word_diff("<b>1 & 2</b>", "<b>1 & 3</b>")
    assert old == "&lt;b&gt;1 &amp; <del>2&lt;/b&gt;</del>"
    assert new == "&lt;b&gt;1 &amp; <ins>3&lt;/b&gt;</ins>"


def test_the_compare_page(editor_client, editor):
    editor.first_name, editor.last_name = "Maya", "Okafor"
    editor.save()
    paragraphs = [f"<p>Paragraph {n} stays.</p>" for n in range(1, 9)]
    article = workflow.save(ArticleFactory(body="".join(paragraphs)), editor)
    article = Article.objects.get(pk=article.pk)
    article.body = "".join(paragraphs[:7]) + "<p>Paragraph 8 moved to the harbour.</p>"
    workflow.save(article, editor)
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = editor_client.get(url, {"a": older.pk, "b": newer.pk})
    html = response.content.decode()
    assert soup(html).select_one("ol.breadcrumbs")
    assert '<li aria-current="page">Compare</li>' in html
    assert html.count("by Maya Okafor") == 2
    body = html.split("<h2>Body")[1]
    assert "Paragraph 8 <del>stays.</del>" in body
    assert "Paragraph 8 <ins>moved to the harbour.</ins>" in body
    assert "6 unchanged paragraphs" in body  # 1 to 6; the 7th is shown as context
    assert "Paragraph 7 stays." in body
    assert "Paragraph 3 stays." not in body
    history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Maya Okafor" in history.content.decode()


def test_the_block_type_menu_draws_its_chevron_without_a_font():
    css = (Path(settings.BASE_DIR) / "static/css/admin.css").read_text()
    assert "\u23f7" not in css
    assert ".prose-menubar__selected::after" in css
