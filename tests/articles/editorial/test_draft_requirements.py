"""A draft needs only a headline; the standfirst, the section and an author are
asked for when the article goes to review or to readers (articles/editorial/workflow.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles.editorial import workflow
from articles.models import Article
from tests.helpers.factories import ArticleFactory, AuthorFactory, SectionFactory

from .admin_pages import field_errors, read

pytestmark = pytest.mark.django_db
ADD = reverse("admin:articles_article_add")


def add_form(client, **fields):
    """What the add form sends with only `fields` filled in."""
    data = dict(read(client.get(ADD)).management)
    return {"body": "", "status": "draft", **data, **fields}


@pytest.mark.parametrize("who", ["editor_client", "writer_client"])
def test_a_draft_is_saved_with_only_a_headline(request, who):
    client = request.getfixturevalue(who)
    response = client.post(ADD, add_form(client, headline="Harbour fire: first notes"))
    assert response.status_code == 302, read(response).errors
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.slug == "harbour-fire-first-notes"
    assert article.section is None
    assert article.standfirst == ""
    assert not article.bylines.exists()
    # Its page in the admin opens, without a site address to preview or visit.
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert "Choose a section first" in page.content.decode()
    assert "view_on_site" not in page.content.decode()


def test_submitting_asks_for_standfirst_section_and_author(writer_client):
    data = add_form(writer_client, headline="Harbour fire", body="<p>Kept words.</p>")
    data["status"] = "review"
    response = writer_client.post(ADD, data)
    assert response.status_code == 200
    for field in ("standfirst", "section", "bylines-0-author"):
        assert field_errors(response, field) == ["This field is required."], field
    assert "Kept words." in response.content.decode()
    assert not Article.objects.exists()


def test_a_complete_article_is_submitted(writer_client):
    section, author = SectionFactory(), AuthorFactory()
    data = add_form(
        writer_client,
        headline="Harbour fire",
        standfirst="What burned.",
        section=section.pk,
        status="review",
    )
    data |= {"bylines-0-author": author.pk, "bylines-0-position": "0"}
    response = writer_client.post(ADD, data)
    assert response.status_code == 302, read(response).errors
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.ordered_authors == [author]


def test_the_submit_action_says_what_a_draft_lacks(writer, writer_client):
    draft = workflow.save(Article(headline="Notes only", slug="notes-only"), writer)
    response = writer_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "submit_for_review", "_selected_action": [draft.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "Standfirst: This field is required." in text
    assert "Section: This field is required." in text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_gate_refuses_to_publish_without_a_section(editor):
    draft = workflow.save(Article(headline="Unfiled", slug="unfiled", standfirst="S."), editor)
    with pytest.raises(ValidationError) as refusal:
        workflow.publish(draft, editor)
    assert refusal.value.message_dict == {"section": ["This field is required."]}
    assert not Article.objects.published().exists()


def test_the_database_keeps_readers_from_an_unfiled_article():
    article = ArticleFactory(section=None)
    article.status = Article.Status.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_a_draft_without_a_section_has_no_share_preview(editor_client, editor):
    from articles.editorial import previews

    draft = workflow.save(Article(headline="Unfiled", slug="unfiled"), editor)
    assert editor_client.get(previews.link(draft)).status_code == 404


def test_the_publish_action_refuses_an_article_without_an_author(editor, editor_client):
    draft = workflow.save(
        Article(headline="Nobody's", slug="nobodys", standfirst="S.", section=SectionFactory()),
        editor,
    )
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Authors: This field is required." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()
