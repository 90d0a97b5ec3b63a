"""The editors' desk over HTTP (articles/editorial/desk.py, articles/admin/desk.py):
autosaves that never touch the article, and edit locks that say who has it open."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.editorial import workflow
from articles.models import Article, Autosave, EditLock
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import ArticleFactory, UserFactory

from .admin_pages import read

pytestmark = pytest.mark.django_db
NEW = reverse("admin:articles_article_autosave_new")


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def lock_url(article):
    return reverse("admin:articles_article_lock", args=[article.pk])


def send(client, url, pairs, **extra):
    return client.post(url, {"data": json.dumps(pairs), **extra})


def form_post(client, article, **changes):
    """The change form as the person's browser posts it back, with `changes`."""
    data = change_data(article, **changes)
    shown = read(client.get(change_url(article))).management
    data |= {name: value for name, value in shown.items() if name.endswith("_FORMS")}
    return client.post(change_url(article), {**data, **changes})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article(editor):
    return workflow.save(ArticleFactory(headline="Harbour wall"), editor)


def test_a_new_article_is_autosaved_and_offered_back(writer_client):
    pairs = [["headline", "Harbour fire"], ["body", "<p>First notes.</p>"]]
    response = send(writer_client, NEW, pairs)
    assert response.status_code == 200
    assert set(response.json()) == {"saved_at"}
    assert not Article.objects.exists()
    offered = writer_client.get(NEW).json()["autosave"]
    assert offered["fields"] == pairs
    assert offered["saved_at"] == response.json()["saved_at"]


def test_an_autosave_never_touches_the_article(editor_client, article):
    before = Article.objects.filter(pk=article.pk).values().get()
    revisions = Version.objects.get_for_object(article).count()
    pairs = [["headline", "Harbour wall collapses"], ["csrfmiddlewaretoken", "x"]]
    response = send(editor_client, autosave_url(article), pairs, based_on=article.version)
    assert response.status_code == 200
    assert response.json()["lock"] == {"mine": True, "holder": "", "since": ""}
    assert Article.objects.filter(pk=article.pk).values().get() == before
    assert Version.objects.get_for_object(article).count() == revisions
    assert Client().get(article.get_absolute_url()).status_code == 404  # still a draft
    copy = editor_client.get(autosave_url(article)).json()["autosave"]
    # The token is never kept: restoring puts words back, not a form's credentials.
    assert copy["fields"] == [["headline", "Harbour wall collapses"]]
    assert copy["older_version"] is False


def test_saving_the_article_spends_its_autosave(editor_client, editor, article):
    send(editor_client, autosave_url(article), [["headline", "Draft words"]])
    response = form_post(editor_client, article, headline="Saved")
    assert response.status_code == 302
    assert not Autosave.objects.filter(user=editor).exists()
    assert editor_client.get(autosave_url(article)).json() == {"autosave": None, "every": 30}


def test_an_autosave_older_than_the_last_save_is_not_offered(editor_client, editor, article):
    send(editor_client, autosave_url(article), [["headline", "Old words"]])
    Autosave.objects.update(saved_at=article.modified_at - timedelta(minutes=1))
    assert editor_client.get(autosave_url(article)).json() == {"autosave": None, "every": 30}
    assert not Autosave.objects.exists()


def test_another_save_since_the_form_opened_is_said(editor_client, editor, article):
    send(editor_client, autosave_url(article), [["headline", "Mine"]], based_on=article.version)
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)
    Autosave.objects.update(saved_at=Article.objects.get(pk=article.pk).modified_at)
    Autosave.objects.update(saved_at=Autosave.objects.get().saved_at + timedelta(seconds=1))
    assert editor_client.get(autosave_url(article)).json()["autosave"]["older_version"] is True


def test_discarding_an_autosave(editor_client, article):
    send(editor_client, autosave_url(article), [["headline", "Never mind"]])
    assert editor_client.post(autosave_url(article), {"discard": "1"}).status_code == 200
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    "data", [{}, {"data": "not json"}, {"data": '{"headline": 1}'}, {"data": "[[1, 2]]"}]
)
def test_a_malformed_autosave_is_refused_and_stores_nothing(editor_client, article, data):
    response = editor_client.post(autosave_url(article), data)
    assert response.status_code == 400
    assert "Not autosaved" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_only_who_may_change_an_article_autosaves_or_locks_it(writer, writer_client, editor):
    others = workflow.save(ArticleFactory(), editor)
    own_published = workflow.publish(ArticleFactory(created_by=writer), editor)
    # Someone else's draft is not even there for a writer; their own live article
    # is there, but not theirs to change.
    for article, status in ((others, 404), (own_published, 403)):
        assert send(writer_client, autosave_url(article), [["headline", "x"]]).status_code == status
        assert writer_client.post(lock_url(article), {"action": "heartbeat"}).status_code == status
    moderator = signed_in(UserFactory(is_staff=True, groups=["Moderators"]))
    assert send(moderator, NEW, [["headline", "x"]]).status_code == 403
    # Viewing a published article read-only takes no lock.
    writer_client.get(change_url(own_published))
    assert not Autosave.objects.exists()
    assert not EditLock.objects.exists()


def test_the_second_person_is_told_who_has_it_open_and_may_take_over(article):
    first = UserFactory(is_staff=True, groups=["Editors"], first_name="Maya", last_name="Okafor")
    second = UserFactory(is_staff=True, groups=["Editors"], first_name="Tom", last_name="Reed")
    maya, tom = signed_in(first), signed_in(second)
    assert "edit-lock" not in maya.get(change_url(article)).content.decode()
    lock = EditLock.objects.get(article=article)
    assert lock.user == first
    since = f"{timezone.localtime(lock.since):%H:%M}"

    page = tom.get(change_url(article)).content.decode()
    assert f"Maya Okafor is editing this article since {since}." in page
    assert 'value="take_over"' in page
    assert EditLock.objects.get(article=article).user == first
    assert tom.post(lock_url(article), {"action": "heartbeat"}).json() == {
        "mine": False,
        "holder": "Maya Okafor",
        "since": since,
    }

    response = tom.post(lock_url(article), {"action": "take_over"})
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert EditLock.objects.get(article=article).user == second
    # Maya's page learns it on its next autosave (or heartbeat).
    told = send(maya, autosave_url(article), [["headline", "Maya's words"]]).json()["lock"]
    assert told["mine"] is False
    assert told["holder"] == "Tom Reed"
    assert EditLock.objects.get(article=article).user == second


def test_a_lock_nobody_renews_lapses(article, time_machine):
    first = UserFactory(is_staff=True, groups=["Editors"])
    second = UserFactory(is_staff=True, groups=["Editors"])
    signed_in(first).get(change_url(article))
    time_machine.move_to(EditLock.objects.get().seen_at + timedelta(minutes=3))
    page = signed_in(second).get(change_url(article)).content.decode()
    assert "is editing this article" not in page
    assert EditLock.objects.get(article=article).user == second


def test_the_stale_save_refusal_stays_the_last_guard(article):
    first = signed_in(UserFactory(is_staff=True, groups=["Editors"]))
    second = signed_in(UserFactory(is_staff=True, groups=["Editors"]))
    loaded = Article.objects.get(pk=article.pk)
    assert form_post(first, loaded, headline="One").status_code == 302
    refused = form_post(second, loaded, headline="Two")
    assert refused.status_code == 200
    assert "Someone else saved this article" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).headline == "One"
