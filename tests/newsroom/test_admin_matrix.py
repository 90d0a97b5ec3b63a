"""Every admin URL, for every role, against the newsroom's editorial policy.

The URLs come from the admin's own resolver (`admin.site.get_urls()`, walked
recursively), so a URL added later is tested, or this module fails asking for
its expectation. The expectations below are written by hand from the policy;
they are never computed from articles/editorial/permissions.py, which is what
is under test.

One case is one role, one method, one URL and one object. A GET checks the
answer: allowed (a page, or a redirect to the expected place), view-only (the
page without the editable field) or refused (403, 404, 405, or a redirect to
the admin index or the login). A POST sends what the page's form would send
(the form as an editor sees it, with one text field changed; a delete
confirmation; a restore; each admin action on every object), and compares
every row of every table before and after: a refused POST changes nothing at
all; an allowed one changes only the rows of its target and of the target's own
dependents (the allow-lists in `rows_of_*`), and never the rows of an article
the role may not change (`MAY_CHANGE`), whichever page it went through.

The objects are built once for the module inside a transaction that is rolled
back at the end; each case runs in a savepoint of it, so no case sees what
another changed.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLResolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from articles.editorial import pages as page_gate
from articles.editorial import workflow
from articles.models import (
    Article,
    EmbedPreview,
    FrontPageSlot,
    Gallery,
    Page,
    SiteSettings,
)
from comments.models import ModerationWord
from images.models import CaptionedImage, Rendition
from images.tasks import make_renditions
from tests.helpers.comments import make_comment
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
    UserFactory,
    picture_file,
    place_block,
)

pytestmark = pytest.mark.django_db

ROLES = ("editor", "writer", "moderator")
OUR_APPS = {"articles", "images", "taggit", "comments"}


# --- The objects --------------------------------------------------------------

ARTICLES = ("own_draft", "own_review", "others_draft", "published", "own_published", "scheduled")
IMAGES = ("lead_of_published", "in_own_draft", "own_upload", "others_upload")
# The objects each admin's per-object URLs are tried on ("own" is the writer's).
OBJECTS = {
    "articles.article": ARTICLES,
    "images.captionedimage": IMAGES,
    "articles.section": ("section",),
    "articles.author": ("author",),
    "articles.frontpageslot": ("slot",),
    "articles.sitesettings": ("settings",),
    "articles.page": ("own_page", "published_page"),
    "articles.gallery": ("gallery",),
    "articles.embedpreview": ("embed_preview",),
    "taggit.tag": ("tag",),
    "comments.comment": ("comment",),
    "comments.moderationword": ("word",),
}
VIEW_ON_SITE_OBJECTS = (*ARTICLES, "author", "comment")
NO_OBJECTS = "(no objects yet)"  # a model registered later

# Text of articles a role must never be shown, on any page or in any header.
SECRETS = {
    "own_draft": ("Writer draft on the harbour", "writer-draft-on-the-harbour"),
    "own_review": ("Writer story awaiting review", "writer-story-awaiting-review"),
    "others_draft": ("Unannounced colleague draft", "unannounced-colleague-draft"),
    "scheduled": ("Embargoed scheduled scoop", "embargoed-scheduled-scoop"),
}
HIDDEN_FROM = {
    "editor": (),
    "writer": ("others_draft", "scheduled"),
    "moderator": ("own_draft", "own_review", "others_draft", "scheduled"),
}


@dataclass
class World:
    users: dict
    objects: dict  # name -> (model label, pk)

    def pk(self, name):
        return self.objects[name][1]

    def get(self, name):
        label, pk = self.objects[name]
        return apps.get_model(label)._default_manager.get(pk=pk)


def build_world():
    """The newsroom the matrix runs against; revisions are made by the workflow."""
    editor = UserFactory(username="editor", is_staff=True, groups=["Editors"])
    writer = UserFactory(username="writer", is_staff=True, groups=["Writers"])
    moderator = UserFactory(username="moderator", is_staff=True, groups=["Moderators"])
    colleague = UserFactory(username="colleague", is_staff=True, groups=["Writers"])
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)

    images = {
        "lead_of_published": CaptionedImageFactory(uploaded_by=colleague),
        # Used by the writer's draft, uploaded by someone else: the use makes it theirs.
        "in_own_draft": CaptionedImageFactory(uploaded_by=colleague),
        "own_upload": CaptionedImageFactory(uploaded_by=writer),
        "others_upload": CaptionedImageFactory(uploaded_by=colleague),
    }
    for image in images.values():
        Rendition.objects.create(
            image=image, crop="1:1", width=96, height=96, format="jpeg",
            file=f"renditions/{image.pk}.jpg", key="matrix",
        )  # fmt: skip

    def article(name, author, **fields):
        headline, slug = SECRETS.get(name, (f"Public story {name}", f"public-story-{name}"))
        made = ArticleFactory(headline=headline, slug=slug, created_by=author, **fields)
        return Article.objects.get(pk=made.pk)

    own_draft = article("own_draft", writer)
    ArticleImageFactory(article=own_draft, image=images["in_own_draft"])
    workflow.save(Article.objects.get(pk=own_draft.pk), writer)
    own_review = workflow.submit(article("own_review", writer), writer)
    others_draft = workflow.save(article("others_draft", colleague), colleague)
    published = article(
        "published", colleague, lead_image=images["lead_of_published"], tags=["Harbour"]
    )
    published = workflow.publish(workflow.submit(published, colleague), editor)
    own_published = workflow.publish(
        workflow.submit(article("own_published", writer), writer), editor
    )
    scheduled = workflow.publish(
        article("scheduled", colleague), editor, at=timezone.now() + timedelta(days=1)
    )
    for made in (own_draft, own_review, others_draft, published, own_published, scheduled):
        assert Version.objects.get_for_object(made).exists()
    place_block(published, "embed", 1, url="https://vimeo.com/76979871")
    EmbedPreview.objects.filter(url="https://vimeo.com/76979871").update(
        status=EmbedPreview.Status.FAILED, problem="vimeo.com could not be reached."
    )

    objects = {
        "own_draft": own_draft,
        "own_review": own_review,
        "others_draft": others_draft,
        "published": published,
        "own_published": own_published,
        "scheduled": scheduled,
        **images,
        "section": SectionFactory(name="Opinion", slug="opinion"),
        "author": AuthorFactory(name="Guest author", slug="guest-author"),
        "tag": published.tags.get(),
        "comment": make_comment(Article.objects.get(pk=published.pk), text="Well reported."),
        "word": ModerationWord.objects.create(word="casino", action="hold"),
        # An editor pins the embargoed story in advance.
        "slot": FrontPageSlot.objects.create(position=0, article=scheduled),
        "settings": SiteSettings.objects.create(site_name="The Harbour Times"),
        # A colleague's gallery that nothing shows yet: the writer only looks.
        "gallery": Gallery.objects.create(title="Harbour pictures", created_by=colleague),
        # The preview of a video in the published story: everyone at the desk sees it.
        "embed_preview": EmbedPreview.objects.get(url="https://vimeo.com/76979871"),
        # Pages: the writer's draft, and a published page (an editor's to change).
        # Saved through the page gate, so each has a revision to compare and restore.
        "own_page": page_gate.save(Page(title="Masthead draft", slug="masthead"), writer),
        "published_page": page_gate.save(
            Page(title="About us", slug="about", status=Page.Status.PUBLISHED), editor
        ),
        # Other apps' objects: nobody but a superuser may touch them.
        "auth.user": colleague,
        "auth.group": Group.objects.get(name="Editors"),
    }
    # Unconfirmed, so nobody is asked for a code.
    for device in (TOTPDevice, StaticDevice):
        objects[device._meta.label_lower] = device.objects.create(
            user=colleague, name="device", confirmed=False
        )
    visit = {"user_agent": "matrix", "ip_address": "192.0.2.1", "username": "x"}
    visit |= {"http_accept": "*/*", "path_info": "/admin/login/"}
    objects["axes.accessattempt"] = AccessAttempt.objects.create(
        **visit, get_data="", post_data="", failures_since_start=1
    )
    objects["axes.accesslog"] = AccessLog.objects.create(**visit)
    queue = DatabaseBackend(alias="default", params={})
    queued = queue.enqueue(make_renditions, [0], {})
    objects["django_tasks_database.dbtaskresult"] = DBTaskResult.objects.get(pk=queued.id)
    objects["axes.accessfailurelog"] = AccessFailureLog.objects.create(**visit)
    return World(
        users={"editor": editor, "writer": writer, "moderator": moderator, "root": superuser},
        objects={name: (obj._meta.label_lower, obj.pk) for name, obj in objects.items()},
    )


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, inside a transaction rolled back after the module's last case;
    every case runs in a savepoint of it (pytest-django's django_db)."""
    files = tmp_path_factory.mktemp("matrix")
    with django_db_blocker.unblock(), transaction.atomic():
        original = CaptionedImage._meta.get_field("original")
        with (
            override_settings(MEDIA_ROOT=files / "media"),
            pytest.MonkeyPatch.context() as patch,
        ):
            patch.setattr(original, "storage", FileSystemStorage(location=files / "private"))
            built = build_world()
        yield built
        transaction.set_rollback(True)


# --- The URLs, from the resolver ----------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name, or the route of an unnamed pattern
    route: str  # below the admin's root, with its converters
    model: str  # "app_label.model_name" of the ModelAdmin it belongs to, or ""
    params: tuple

    @property
    def app(self):
        return self.model.split(".")[0] if self.model else ""


def admin_routes():
    """Every pattern of the admin site, walked recursively."""
    prefixes = {
        f"{model._meta.app_label}/{model._meta.model_name}/": model._meta.label_lower
        for model in admin.site._registry
    }

    def walk(patterns, prefix, model):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route, prefixes.get(route, model))
                continue
            if isinstance(pattern.pattern, RoutePattern):
                params = tuple(pattern.pattern.converters)
            else:
                params = tuple(pattern.pattern.regex.groupindex)
            yield Route(pattern.name or route, route, model, params)

    return list(walk(admin.site.get_urls(), "", ""))


def model_admin(label):
    return admin.site.get_model_admin(apps.get_model(label))


def autocomplete_fields():
    """Every autocomplete picker of every ModelAdmin and inline, as
    "app_label.model_name.field" of the model holding the field."""
    fields = []
    for model, model_admin_ in admin.site._registry.items():
        holders = [(model, model_admin_.autocomplete_fields)]
        holders += [(inline.model, inline.autocomplete_fields) for inline in model_admin_.inlines]
        for holder, names in holders:
            fields += [f"{holder._meta.label_lower}.{name}" for name in names]
    return fields


def changelist_posts(label):
    """What a changelist answers to a POST: each admin action (before any request
    filters them, so an action added later is here), and the list's own edits."""
    names = [action.name for action in model_admin(label)._get_base_actions()]
    return names + (["_save"] if model_admin(label).list_editable else [])


# --- The expectations, by hand from the policy ---------------------------------


@dataclass(frozen=True)
class Access:
    name: str
    # For an admin action: the objects it may change (empty: every one it is given).
    targets: tuple = ()

    def __repr__(self):
        return self.name + (f"{list(self.targets)}" if self.targets else "")


OK = Access("allowed")
VIEW = Access("view-only")
NO = Access("refused")
# Allowed, but the database keeps the object: something still uses it.
PROTECTED = Access("protected")


def ok_on(*names):
    return Access("allowed", names)


def each(editor, writer, moderator):
    return {"editor": editor, "writer": writer, "moderator": moderator}


EVERYONE = each(OK, OK, OK)
NOBODY = each(NO, NO, NO)
EDITORS = each(OK, NO, NO)
# Sections, authors, images: writers look.
EDITORS_WRITERS_LOOK = each(OK, OK, NO)
MODERATION = each(OK, NO, OK)


def per_article(**access):
    assert set(access) == set(ARTICLES), "name every article"
    return access


# A writer changes their own articles while they are drafts or in review, sees
# published ones read-only, and nothing of anyone else's unpublished work.
WRITER_CHANGES = per_article(
    own_draft=OK, own_review=OK, others_draft=NO,
    published=VIEW, own_published=VIEW, scheduled=NO,
)  # fmt: skip
# History and compare: their own articles, in any state (what happened to their
# story). Restore: only while they may change it (drafts and articles in review).
WRITER_HISTORY = per_article(
    own_draft=OK, own_review=OK, others_draft=NO,
    published=NO, own_published=OK, scheduled=NO,
)  # fmt: skip
WRITER_REVISIONS = per_article(
    own_draft=OK, own_review=OK, others_draft=NO,
    published=NO, own_published=NO, scheduled=NO,
)  # fmt: skip

EXPECT = {
    # The site.
    "index": EVERYONE,
    "login": EVERYONE,  # signed in already: to the index
    "logout": EVERYONE,
    "password_change": EVERYONE,
    "password_change_done": EVERYONE,
    "jsi18n": EVERYONE,
    "(?P<url>.*)$": NOBODY,  # no such page
    "app_list": {
        "articles": EDITORS_WRITERS_LOOK,
        "images": EDITORS_WRITERS_LOOK,
        "taggit": EDITORS_WRITERS_LOOK,
        "comments": MODERATION,
    },
    # A picker answers whoever may see the model it picks from.
    "autocomplete": {
        "articles.article.section": EDITORS_WRITERS_LOOK,
        "articles.article.lead_image": EDITORS_WRITERS_LOOK,
        "articles.article.check_also": EDITORS_WRITERS_LOOK,
        "articles.byline.author": EDITORS_WRITERS_LOOK,
        "articles.section.parent": EDITORS_WRITERS_LOOK,
        "articles.author.photo": EDITORS_WRITERS_LOOK,
        "articles.author.user": NOBODY,  # staff accounts belong to the auth app
        # Only articles a writer may see anyway: the leak check holds it to that.
        "articles.frontpageslot.article": EDITORS_WRITERS_LOOK,
        "articles.sitesettings.logo": EDITORS_WRITERS_LOOK,
        "articles.page.parent": EDITORS_WRITERS_LOOK,
        "articles.galleryimage.image": EDITORS_WRITERS_LOOK,
    },
    # View on site: what the role may see (published, a writer's own); never the
    # address of someone else's draft.
    "view_on_site": {
        "own_draft": each(OK, OK, NO),
        "own_review": each(OK, OK, NO),
        "others_draft": each(OK, NO, NO),
        "published": each(OK, OK, NO),
        "own_published": each(OK, OK, NO),
        "scheduled": each(OK, NO, NO),
        "author": EDITORS_WRITERS_LOOK,
        "comment": MODERATION,
    },
    # Articles.
    "articles_article_changelist": EDITORS_WRITERS_LOOK,
    "articles_article_add": each(OK, OK, NO),
    "articles_article_change": each(OK, WRITER_CHANGES, NO),
    "articles_article_delete": EDITORS,
    "articles_article_history": each(OK, WRITER_HISTORY, NO),
    "articles_article_compare": each(OK, WRITER_HISTORY, NO),
    "articles_article_restore": each(OK, WRITER_REVISIONS, NO),
    "articles_article_tag_suggestions": EDITORS_WRITERS_LOOK,
    # The editors' desk: whoever may change the article (or create one, for a new one).
    "articles_article_autosave_new": each(OK, OK, NO),
    "articles_article_autosave": each(OK, WRITER_REVISIONS, NO),
    "articles_article_lock": each(OK, WRITER_REVISIONS, NO),
    # The body editor's blocks: finding and drawing what to place (only articles the
    # person may see: the leak check holds it to that), adding an uploaded picture.
    "articles_article_blocks": each(OK, OK, NO),
    "articles_article_block_image": each(OK, OK, NO),
    "articles/article/<path:object_id>/": EVERYONE,  # to the change page, which decides
    # Library images: writers add, and change what nothing public shows.
    "images_captionedimage_changelist": EDITORS_WRITERS_LOOK,
    "images_captionedimage_add": each(OK, OK, NO),
    "images_captionedimage_change": each(
        OK,
        {"lead_of_published": VIEW, "in_own_draft": OK, "own_upload": OK, "others_upload": VIEW},
        NO,
    ),
    "images_captionedimage_delete": each(
        {"lead_of_published": OK, "in_own_draft": PROTECTED, "own_upload": OK, "others_upload": OK},
        NO,
        NO,
    ),
    "images_captionedimage_history": EDITORS_WRITERS_LOOK,
    "images_captionedimage_thumbnail": EDITORS_WRITERS_LOOK,
    # A file sent ahead of the image form (kept in the stash, no row): who may add.
    "images_captionedimage_stash": each(OK, OK, NO),
    "images/captionedimage/<path:object_id>/": EVERYONE,
    # Sections and authors: writers look.
    "articles_section_changelist": EDITORS_WRITERS_LOOK,
    "articles_section_add": EDITORS,
    "articles_section_change": each(OK, VIEW, NO),
    "articles_section_delete": EDITORS,
    "articles_section_history": EDITORS_WRITERS_LOOK,
    "articles/section/<path:object_id>/": EVERYONE,
    "articles_author_changelist": EDITORS_WRITERS_LOOK,
    "articles_author_add": EDITORS,
    "articles_author_change": each(OK, VIEW, NO),
    "articles_author_delete": EDITORS,
    "articles_author_history": EDITORS_WRITERS_LOOK,
    "articles/author/<path:object_id>/": EVERYONE,
    # The front page and the site settings: editors only.
    "articles_frontpageslot_changelist": EDITORS,
    "articles_frontpageslot_add": EDITORS,
    "articles_frontpageslot_change": EDITORS,
    "articles_frontpageslot_delete": EDITORS,
    "articles_frontpageslot_history": EDITORS,
    "articles/frontpageslot/<path:object_id>/": EVERYONE,
    "articles_sitesettings_changelist": EDITORS,  # straight to the one row
    "articles_sitesettings_add": NOBODY,  # the one row exists
    "articles_sitesettings_change": EDITORS,
    "articles_sitesettings_delete": NOBODY,  # never deleted: the site needs it
    "articles_sitesettings_history": EDITORS,
    "articles/sitesettings/<path:object_id>/": EVERYONE,
    # Pages: writers draft and submit their own; publishing, the footer's order
    # and everything published are the editors'.
    "articles_page_changelist": EDITORS_WRITERS_LOOK,
    "articles_page_add": each(OK, OK, NO),
    "articles_page_change": each(OK, {"own_page": OK, "published_page": VIEW}, NO),
    "articles_page_delete": EDITORS,
    "articles_page_history": EDITORS_WRITERS_LOOK,
    # Their revisions: the desk compares any; restoring is changing the page.
    "articles_page_compare": EDITORS_WRITERS_LOOK,
    "articles_page_restore": each(OK, {"own_page": OK, "published_page": NO}, NO),
    "articles/page/<path:object_id>/": EVERYONE,
    # Galleries: writers make them, and change one only while nothing public shows
    # it and it is theirs (as library images).
    "articles_gallery_changelist": EDITORS_WRITERS_LOOK,
    "articles_gallery_add": each(OK, OK, NO),
    "articles_gallery_change": each(OK, VIEW, NO),
    "articles_gallery_delete": EDITORS,
    "articles_gallery_history": EDITORS_WRITERS_LOOK,
    "articles/gallery/<path:object_id>/": EVERYONE,
    # Embed previews come from the providers: the desk looks, and asks again.
    "articles_embedpreview_changelist": EDITORS_WRITERS_LOOK,
    "articles_embedpreview_add": NOBODY,
    "articles_embedpreview_change": each(VIEW, VIEW, NO),
    "articles_embedpreview_delete": NOBODY,
    "articles_embedpreview_history": EDITORS_WRITERS_LOOK,
    "articles/embedpreview/<path:object_id>/": EVERYONE,
    # Tags: writers add and look; merging changes and deletes tags.
    "taggit_tag_changelist": EDITORS_WRITERS_LOOK,
    "taggit_tag_add": each(OK, OK, NO),
    "taggit_tag_change": each(OK, VIEW, NO),
    "taggit_tag_delete": EDITORS,
    "taggit_tag_history": EDITORS_WRITERS_LOOK,
    "taggit_tag_merge_tags": EDITORS,
    "taggit/tag/<path:object_id>/": EVERYONE,
    # Comments: moderated, never added or deleted in the admin (removal is a state);
    # the change page is read-only fields.
    "comments_comment_changelist": MODERATION,
    "comments_comment_add": NOBODY,
    "comments_comment_change": MODERATION,
    "comments_comment_delete": NOBODY,
    "comments_comment_history": MODERATION,
    "comments_comment_moderate": MODERATION,  # one-click Approve / Spam / Trash / Reply
    "comments/comment/<path:object_id>/": EVERYONE,
    "comments_moderationword_changelist": MODERATION,
    "comments_moderationword_add": MODERATION,
    "comments_moderationword_change": MODERATION,
    "comments_moderationword_delete": MODERATION,
    "comments_moderationword_history": MODERATION,
    "comments/moderationword/<path:object_id>/": EVERYONE,
}

# POSTs to a changelist: each action, with every object selected, and the
# list's own editable columns ("_save").
CHANGELIST_POSTS = {
    "articles.article": {
        "delete_selected": EDITORS,
        "submit_for_review": each(OK, ok_on("own_draft", "own_review"), NO),
        "publish_now": EDITORS,
        "unpublish_selected": EDITORS,
    },
    # Some image, section and author is in use, so deleting them all is refused whole.
    "images.captionedimage": {"delete_selected": each(PROTECTED, NO, NO)},
    "articles.section": {"delete_selected": each(PROTECTED, NO, NO), "_save": EDITORS},
    "articles.author": {"delete_selected": each(PROTECTED, NO, NO)},
    "articles.frontpageslot": {"delete_selected": EDITORS},
    "articles.sitesettings": {"delete_selected": NOBODY},
    "articles.page": {"delete_selected": EDITORS, "_save": EDITORS},
    "articles.gallery": {"delete_selected": EDITORS},
    "articles.embedpreview": {"delete_selected": NOBODY, "fetch_again": EDITORS_WRITERS_LOOK},
    "taggit.tag": {"delete_selected": EDITORS, "render_tag_form": EDITORS},
    "comments.comment": {
        "delete_selected": NOBODY,
        "approve_comments": MODERATION,
        "spam_comments": MODERATION,
        "remove_comments": MODERATION,
        "restore_comments": MODERATION,
    },
    "comments.moderationword": {"delete_selected": MODERATION, "_save": MODERATION},
}

# Real holes found by this matrix: strict xfails, to be removed with the fix.
# Holes the matrix finds: case id -> why. Empty: every case is what its role may do.
HOLES = {}


# --- The cases ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    role: str
    method: str
    route: Route
    target: str = ""  # object, action, app label or autocomplete field

    @property
    def key(self):
        return self.route.key

    @property
    def model(self):
        return self.route.model

    @property
    def id(self):
        return "-".join(filter(None, (self.role, self.method, f"admin:{self.key}", self.target)))


def targets(route, method):
    params = set(route.params)
    if route.key == "app_list":
        return sorted({model._meta.app_label for model in admin.site._registry})
    if route.key == "autocomplete":
        return autocomplete_fields()
    if "url" in params:
        return ["no-such-page"]
    if "content_type_id" in params:
        return list(VIEW_ON_SITE_OBJECTS)
    if params & {"object_id", "pk", "id"}:
        if route.app not in OUR_APPS:
            return [route.model]
        return list(OBJECTS.get(route.model, [NO_OBJECTS]))
    if route.key.endswith("_changelist") and method == "POST":
        return changelist_posts(route.model)
    return [""]


def generate_cases():
    for route in admin_routes():
        for role in ROLES:
            for method in ("GET", "POST"):
                for target in targets(route, method):
                    yield Case(role, method, route, target)


CASES = list(generate_cases())


def case_param(case):
    marks = []
    if case.id in HOLES:
        marks.append(pytest.mark.xfail(strict=True, reason=f"hole: {HOLES[case.id]}"))
    return pytest.param(case, id=case.id, marks=marks)


def expectation(case):
    """What `case.role` may do here, from the tables above (by role, then object;
    or by object, then role)."""
    if case.route.app and case.route.app not in OUR_APPS:
        # Users, groups, devices, sign-in records: a superuser's. The bare
        # <object_id>/ address only forwards to the change page, which refuses.
        return OK if kind_of(case) == "redirect" else NO
    if case.key == "app_list" and case.target not in OUR_APPS:
        return NO
    what = f"admin:{case.key}"
    entry = EXPECT.get(case.key)
    if case.method == "POST" and case.key.endswith("_changelist"):
        entry = CHANGELIST_POSTS.get(case.model, {}).get(case.target)
        what += f" POST {case.target}"
    while isinstance(entry, dict):
        if set(entry) == set(ROLES):
            entry = entry[case.role]
        elif case.target in entry:
            entry = entry[case.target]
        else:
            entry = None
            what += f" on {case.target}"
    if entry is None:
        pytest.fail(f"add an expectation for {what}")
    return entry


# What a page is, for what its POST sends and what success looks like.
KINDS = {
    "index": "read",
    "app_list": "read",
    "autocomplete": "read",
    "jsi18n": "read",
    "password_change_done": "read",
    "(?P<url>.*)$": "read",
    "login": "login",
    "logout": "logout",
    "password_change": "own account",
    "view_on_site": "view on site",
    "articles_article_compare": "read",
    "articles_page_compare": "read",
    "articles_page_restore": "restore",
    "articles_article_tag_suggestions": "read",
    "articles_article_blocks": "read",
    "articles_article_block_image": "stash",
    "articles_article_restore": "restore",
    "images_captionedimage_thumbnail": "thumbnail",
    "images_captionedimage_stash": "stash",
    "taggit_tag_merge_tags": "merge",
    "comments_comment_moderate": "moderate",
}
SUFFIXES = {
    "_changelist": "changelist",
    "_add": "add",
    "_change": "form",
    "_delete": "delete",
    "_history": "read",
}


def kind_of(case):
    if case.key in KINDS:
        return KINDS[case.key]
    if case.key == case.route.route:
        return "redirect"  # the unnamed <object_id>/ pattern: on to the change page
    for suffix, kind in SUFFIXES.items():
        if case.key.endswith(suffix):
            return kind
    return "read"  # other apps' own views (device QR codes, passwords): refused anyway


# Comments are moderated with actions: their change page shows, and edits nothing.
READ_ONLY_PAGES = {"comments_comment_change"}


# --- Addresses ------------------------------------------------------------------


def url_of(case, matrix_world):
    route = case.route
    if route.key == "app_list" or "url" in route.params:
        path = f"{case.target}/"
    else:
        values = {}
        if "content_type_id" in route.params:
            obj = matrix_world.get(case.target)
            values["content_type_id"] = ContentType.objects.get_for_model(obj).pk
        if case.target in matrix_world.objects:
            values |= dict.fromkeys(("object_id", "pk", "id"), matrix_world.pk(case.target))
        if "version_id" in route.params:
            values["version_id"] = first_version(matrix_world, case.target).pk
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.route)
    query = {}
    if case.key == "autocomplete":
        app_label, model_name, field_name = case.target.split(".")
        query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        query["term"] = ""
    elif case.key in {"articles_article_compare", "articles_page_compare"}:
        versions = Version.objects.get_for_object(matrix_world.get(case.target)).order_by("pk")
        query = {"a": versions.first().pk, "b": versions.last().pk}
    elif case.key == "articles_article_tag_suggestions":
        query = {"term": ""}
    elif case.key == "articles_article_blocks":
        query = {"find": "related"}  # every headline the person may see
    return reverse("admin:index") + path + (f"?{urlencode(query)}" if query else "")


def first_version(matrix_world, name):
    return Version.objects.get_for_object(matrix_world.get(name)).order_by("pk").first()


def changelist_url(label):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_changelist")


def admin_change_url(label, pk):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])


def list_home(label, matrix_world):
    """Where a changelist sends people back to: itself, or for the one-row site
    settings, that row."""
    if label == "articles.sitesettings":
        return admin_change_url(label, matrix_world.pk("settings"))
    return changelist_url(label)


# --- Forms, as a browser would send them -----------------------------------------

TEXT_INPUTS = {"text", "email", "url", "search", "textarea"}
NOT_SENT = {"submit", "button", "image", "reset", "file"}


@dataclass
class Form:
    id: str
    fields: list  # (name, value, type) in page order
    choices: dict  # select name -> option values

    def data(self):
        data = {}
        for name, value, _ in self.fields:
            data.setdefault(name, []).append(value)
        return data

    def names(self):
        return {name for name, _, _ in self.fields}


class FormScraper(HTMLParser):
    """The forms of a page and what submitting each would send: inputs with their
    values, checked checkboxes and radios, textareas, selected options (the
    first one where none is selected); inlines' empty templates left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.textarea, self.select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = Form(attrs.get("id") or "", [], {})
            self.forms.append(self.form)
            return
        name = attrs.get("name") or ""
        if self.form is None or (tag != "option" and (not name or "__prefix__" in name)):
            return
        if "disabled" in attrs:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value") or "on", kind))
            elif kind not in NOT_SENT:
                self.form.fields.append((name, attrs.get("value") or "", kind))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "on": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value") or ""
            self.select["options"].append(value)
            if "selected" in attrs:
                self.select["on"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            # A newline right after <textarea> is not part of its value.
            self.form.fields.append((name, value.removeprefix("\n"), "textarea"))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["on"]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = self.select["options"][:1]
            self.form.fields += [(self.select["name"], value, "select") for value in chosen]
            self.form.choices[self.select["name"]] = self.select["options"]
            self.select = None


def main_form(html):
    """The page's own form: the admin's <model>_form, or the largest one (never the
    header's logout button)."""
    scraper = FormScraper()
    scraper.feed(html)
    forms = [form for form in scraper.forms if form.id != "logout-form"]
    named = [form for form in forms if form.id.endswith("_form")]
    return (named or sorted(forms, key=lambda form: -len(form.fields)) or [None])[0]


def first_text_field(form):
    """The form's first visible text field of its own (not an inline's)."""
    for name, _, kind in form.fields:
        if kind in TEXT_INPUTS and "-" not in name and name != "csrfmiddlewaretoken":
            return name
    return None


@cache
def client_of(username):
    # One per person for the module: a new Client loads every middleware again.
    return Client(raise_request_exception=False)


def signed_in(user):
    """The person's browser, freshly signed in (no cookie of an earlier case)."""
    client = client_of(user.username)
    client.cookies.clear()
    client.force_login(user)
    return client


def scraped(matrix_world, url, *users):
    """The main form of `url` as the first of `users` who gets the page sees it."""
    for user in users:
        response = signed_in(matrix_world.users[user]).get(url)
        if response.status_code == 200:
            return main_form(response.content.decode())
    return None


def add_values(label, matrix_world):
    """What an editor types into a new object's form."""
    values = {
        "articles.article": {
            "headline": "A new story",
            "slug": "a-new-story",
            "standfirst": "Written for the matrix.",
            "body": "<p>Words.</p>",
            "section": matrix_world.pk("section"),
            "status": "draft",
            "bylines-0-author": matrix_world.pk("author"),
            "bylines-0-position": "0",
        },
        "images.captionedimage": {
            "title": "A new picture",
            "alt_text": "A teal square",
            "upload": picture_file(),
        },
        "articles.section": {"name": "Science", "slug": "science"},
        "articles.author": {"name": "New author", "slug": "new-author"},
        "articles.frontpageslot": {"position": "3", "article": matrix_world.pk("published")},
        "articles.page": {"title": "Contact", "slug": "contact", "status": "draft"},
        "articles.gallery": {"title": "Lighthouses"},
        # A new tag, put on a story at once (taggit's inline of tagged items).
        "taggit.tag": {
            "name": "Lighthouses",
            "slug": "lighthouses",
            "taggit_taggeditem_items-0-content_type": ContentType.objects.get_for_model(Article).pk,
            "taggit_taggeditem_items-0-object_id": matrix_world.pk("published"),
        },
        "comments.moderationword": {"word": "lottery", "action": "spam"},
        "auth.user": {
            "username": "intruder",
            "usable_password": "true",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
        "auth.group": {"name": "Intruders"},
    }
    return values.get(label, {})


def post_data(case, matrix_world, url):
    """What the case's POST sends, and the text field it changed (or None)."""
    kind = kind_of(case)
    if kind == "changelist":
        return changelist_post(case, matrix_world, url), None
    if kind == "delete":
        return {"post": "yes"}, None
    if kind == "merge":
        return {"new_tag_name": "Merged tag"}, None
    if kind == "moderate":
        return {"moderate": "spam"}, None
    if kind not in {"form", "add", "own account"}:
        return {}, None  # restore posts nothing; the rest are pages to read
    form = scraped(matrix_world, url, "editor", "root")
    data = form.data() if form else {}
    changed = None
    if kind == "add":
        if expectation_for_anyone(case) and not add_values(case.model, matrix_world):
            pytest.fail(f"add the values of a new object for admin:{case.key}")
        data.update(add_values(case.model, matrix_world))
    elif form is not None and (changed := first_text_field(form)):
        data[changed] = [data[changed][0] + " (changed)"]
    return data, changed


def expectation_for_anyone(case):
    return any(expectation(Case(role, "GET", case.route, case.target)) == OK for role in ROLES)


def changelist_post(case, matrix_world, url):
    label = case.model
    if case.target == "_save":
        form = scraped(matrix_world, url, "editor")
        data = form.data()
        name = next(n for n, _, _ in form.fields if n.startswith("form-0-") and n != "form-0-id")
        current = data[name][0]
        if name in form.choices:
            new = next(value for value in form.choices[name] if value not in {current, ""})
        else:
            new = str(int(current) + 1) if current.isdigit() else current + " (changed)"
        data[name] = [new]
        data["_save"] = ["Save"]
        data.pop("action", None)
        return data
    every = apps.get_model(label)._default_manager.values_list("pk", flat=True)
    data = {"action": case.target, "index": "0", "_selected_action": [str(pk) for pk in every]}
    if case.target == "delete_selected":
        data["post"] = "yes"
    return data


# --- Every row of every table ---------------------------------------------------

# Also SQLite's full-text index (articles_searchindex and FTS5's shadow tables): it is
# derived from the articles' own rows, which are compared, and its internal rows
# (segments, doclists) change with any article's save.
IGNORED_TABLES = re.compile(
    r"^(django_session|django_admin_log|axes_.*|articles_searchindex(_\w+)?)$"
)
PRIMARY_KEYS = {}


def snapshot():
    """{table: {key: row}} for every table but sessions, the admin's log and the
    sign-in records (the cache is not in the database)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if IGNORED_TABLES.match(table):
                continue
            if table not in PRIMARY_KEYS:
                PRIMARY_KEYS[table] = connection.introspection.get_primary_key_column(cursor, table)
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            found = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
            key = PRIMARY_KEYS[table]
            rows[table] = {(row[key] if key else tuple(sorted(row.items()))): row for row in found}
    return rows


@dataclass
class Change:
    table: str
    kind: str  # added, removed, changed
    before: dict | None
    after: dict | None

    @property
    def columns(self):
        if self.kind != "changed":
            return set()
        return {name for name in self.after if self.after[name] != self.before[name]}

    def __str__(self):
        row = self.after or self.before
        detail = sorted(self.columns) if self.kind == "changed" else ""
        return f"{self.table} {self.kind} {detail} {row}"[:300]


def differences(before, after):
    changes = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        changes += [Change(table, "added", None, new[key]) for key in new.keys() - old.keys()]
        changes += [Change(table, "removed", old[key], None) for key in old.keys() - new.keys()]
        changes += [
            Change(table, "changed", old[key], new[key])
            for key in old.keys() & new.keys()
            if old[key] != new[key]
        ]
    return changes


@dataclass(frozen=True)
class Rows:
    """Rows of `table` an allowed POST may change: those whose `column` (before
    or after) is one of `values`; only `columns` of them, where given; or with
    `new`, rows it adds."""

    table: str
    column: str = ""
    values: frozenset = frozenset()
    columns: frozenset | None = None
    new: bool = False

    def allow(self, change):
        if change.table != self.table:
            return False
        if self.new:
            return change.kind == "added"
        rows = [row for row in (change.before, change.after) if row is not None]
        if not any(str(row[self.column]) in self.values for row in rows):
            return False
        return self.columns is None or (change.kind == "changed" and change.columns <= self.columns)


def ids(pks):
    return frozenset(str(pk) for pk in pks)


ARTICLE_PARTS = (
    "articles_byline", "articles_articleimage", "articles_relatedlink", "articles_articleevent",
    "articles_articlenote", "articles_liveupdate", "articles_articleredirect",
    "articles_searchdocument", "articles_articlegallery", "articles_articleembed",
    "articles_autosave", "articles_editlock",
)  # fmt: skip


def rows_of_articles(pks, deleting=False):
    """An article's row, what belongs to it, its tags and its revisions; deleting
    it also takes its likes, comments, front-page place and links to it."""
    pks = ids(pks)
    rows = [
        Rows("articles_article", "id", pks),
        *(Rows(table, "article_id", pks) for table in ARTICLE_PARTS),
        Rows("taggit_taggeditem", "object_id", pks),
        Rows("reversion_revision", new=True),
        Rows("reversion_version", new=True),
    ]
    if deleting:
        rows += [
            Rows("articles_like", "article_id", pks),
            Rows("articles_frontpageslot", "article_id", pks),
            Rows("comments_comment", "article_id", pks),
            Rows("articles_relatedlink", "target_id", pks),
            Rows("articles_article", "check_also_id", pks, frozenset({"check_also_id"})),
        ]
    return rows


def rows_of_images(pks, deleting=False):
    """An image and its renditions; deleting it empties the fields that showed it."""
    pks = ids(pks)
    rows = [Rows("articles_captionedimage", "id", pks), Rows("articles_rendition", "image_id", pks)]
    if deleting:
        rows += [
            Rows(table, column, pks, frozenset({column}))
            for table, column in (
                ("articles_article", "lead_image_id"),
                ("articles_author", "photo_id"),
                ("articles_sitesettings", "logo_id"),
                ("articles_relatedlink", "teaser_image_id"),
            )
        ]
    return rows


def rows_of_comments(pks, deleting=False):
    """A comment, and its article's count of approved comments."""
    from comments.models import Comment

    articles = Comment.objects.filter(pk__in=pks).values_list("article_id", flat=True)
    return [
        Rows("comments_comment", "id", ids(pks)),
        Rows("articles_article", "id", ids(articles), frozenset({"comment_count"})),
    ]


def rows_of_tags(pks, deleting=False):
    return [Rows("taggit_tag", "id", ids(pks)), Rows("taggit_taggeditem", "tag_id", ids(pks))]


def rows_of_pages(pks, deleting=False):
    """A page, the old addresses that lead to it, and its revisions."""
    return [
        Rows("articles_page", "id", ids(pks)),
        Rows("articles_pageredirect", "page_id", ids(pks)),
        Rows("reversion_revision", new=True),
        Rows("reversion_version", new=True),
    ]


def rows_of_galleries(pks, deleting=False):
    return [
        Rows("articles_gallery", "id", ids(pks)),
        Rows("articles_galleryimage", "gallery_id", ids(pks)),
    ]


def rows_of(table):
    def rows(pks, deleting=False):
        return [Rows(table, "id", ids(pks))]

    return rows


ROWS = {
    "articles.article": rows_of_articles,
    "images.captionedimage": rows_of_images,
    "articles.section": rows_of("articles_section"),
    "articles.author": rows_of("articles_author"),
    "articles.frontpageslot": rows_of("articles_frontpageslot"),
    "articles.sitesettings": rows_of("articles_sitesettings"),
    "articles.page": rows_of_pages,
    "articles.gallery": rows_of_galleries,
    "articles.embedpreview": rows_of("articles_embedpreview"),
    "taggit.tag": rows_of_tags,
    "comments.comment": rows_of_comments,
    "comments.moderationword": rows_of("comments_moderationword"),
}


def allowed_rows(case, access, matrix_world, before, changes):
    """The rows this allowed POST may change."""
    kind, label = kind_of(case), case.model
    if kind == "own account":
        return [Rows("auth_user", "id", ids([matrix_world.users[case.role].pk]))]
    if kind not in {"form", "add", "delete", "restore", "merge", "changelist", "moderate"}:
        return []
    rows_for = ROWS[label]
    if kind == "add":
        table = apps.get_model(label)._meta.db_table
        new = [c.after["id"] for c in changes if c.table == table and c.kind == "added"]
        return rows_for(new)
    if kind == "merge":
        return [*rows_for(before_pks(label, before)), Rows("taggit_tag", new=True)]
    if kind == "changelist":
        pks = [matrix_world.pk(name) for name in access.targets] or before_pks(label, before)
        return rows_for(pks, deleting=case.target == "delete_selected")
    return rows_for([matrix_world.pk(case.target)], deleting=kind == "delete")


def before_pks(label, before):
    return list(before[apps.get_model(label)._meta.db_table])


# Whatever the address, a role changes only the articles it may: writers their own
# drafts and articles in review, moderators none (moderation keeps the count of
# approved comments on the article's row, and only that).
MAY_CHANGE = {"editor": ARTICLES, "writer": ("own_draft", "own_review"), "moderator": ()}
ARTICLE_COLUMN = {
    "articles_article": "id",
    **dict.fromkeys(ARTICLE_PARTS, "article_id"),
    "taggit_taggeditem": "object_id",
}


def articles_it_may_not_change(case, matrix_world, changes):
    others = ids(matrix_world.pk(name) for name in ARTICLES if name not in MAY_CHANGE[case.role])
    article_type = ContentType.objects.get_for_model(Article).pk
    found = []
    for change in changes:
        column = ARTICLE_COLUMN.get(change.table)
        if column is None or change.columns == {"comment_count"}:
            continue
        for row in filter(None, (change.before, change.after)):
            if row.get("content_type_id", article_type) != article_type:
                continue
            if str(row[column]) in others:
                found.append(change)
                break
    return found


# --- The checks -------------------------------------------------------------------


def location(response):
    return urlsplit(response.get("Location", "")).path


def refused(response):
    """403, 404, 405, or sent to the admin index ("doesn't exist") or the login."""
    if response.status_code in {403, 404, 405}:
        return True
    return response.status_code == 302 and location(response) in {
        reverse("admin:index"),
        reverse("admin:login"),
    }


def leaks(case, response, matrix_world):
    text = response.content.decode(errors="replace") + response.get("Location", "")
    return [
        f"shows {name}'s {secret!r}"
        for name in HIDDEN_FROM[case.role]
        for secret in SECRETS[name]
        if secret in text
    ]


def check_get(case, access, response, matrix_world, editor_field):
    kind, status = kind_of(case), response.status_code
    if access == NO:
        return [] if refused(response) else [f"expected refused, got {status}"]
    if kind == "logout":
        return [] if status == 405 else [f"expected 405 (logout is a POST), got {status}"]
    if kind == "login":
        return [] if location(response) == reverse("admin:index") else [f"got {status}"]
    if kind == "redirect":
        target = admin_change_url(case.model, matrix_world.pk(case.target))
        return [] if location(response) == target else [f"expected {target}, got {status}"]
    if kind == "view on site":
        wanted = matrix_world.get(case.target).get_absolute_url().split("#")[0]
        if status == 302 and wanted in response["Location"]:
            return []
        return [f"expected a redirect to {wanted}, got {status} {response.get('Location')}"]
    if kind == "stash":
        return [] if status == 405 else [f"expected 405 (a file is sent by POST), got {status}"]
    if kind == "thumbnail":
        if status == 302 and location(response).startswith(settings.MEDIA_URL):
            return []
        return [f"expected a redirect to the picture, got {status}"]
    if kind == "changelist" and case.model == "articles.sitesettings":
        if location(response) == list_home(case.model, matrix_world):
            return []
        return [f"expected a redirect to the settings, got {status}"]
    if status != 200:
        return [f"expected a page, got {status} {response.get('Location', '')}"]
    if access == PROTECTED and "protected" not in response.content.decode().lower():
        return ["expected the page to say what protects it"]
    form = main_form(response.content.decode()) if kind == "form" else None
    if form is None:
        return []
    if case.key in READ_ONLY_PAGES:
        own = [name for name, _, type_ in form.fields if type_ != "hidden" and "-" not in name]
        return [f"expected only read-only fields, got {own}"] if own else []
    editable = editor_field in form.names()
    if access == OK and editor_field and not editable:
        return [f"expected an editable {editor_field!r}"]
    if access == VIEW and editable:
        return [f"expected a read-only page, got an editable {editor_field!r}"]
    return []


def unchanged(changes):
    return ["changed the database:\n  " + "\n  ".join(map(str, changes))] if changes else []


# Pages that only answer: an allowed POST to them changes nothing either.
ANSWERS_ONLY = {"read", "thumbnail", "stash", "login", "logout", "redirect", "view on site"}


def check_post(case, access, response, changes, matrix_world, before, changed):
    kind, status = kind_of(case), response.status_code
    if access in {NO, VIEW, PROTECTED}:
        if access == PROTECTED:
            answered = status == 200 and "protected" in response.text.lower()
        else:
            # A changelist answers an action it does not offer with itself.
            answered = refused(response) or (
                kind == "changelist"
                and (status == 200 or location(response) == list_home(case.model, matrix_world))
            )
        problems = [] if answered else [f"expected {access!r}, got {status} {location(response)}"]
        return problems + unchanged(changes)
    if status >= 500:
        return [f"server error {status}"]
    if kind in ANSWERS_ONLY:
        return unchanged(changes)
    allowed = allowed_rows(case, access, matrix_world, before, changes)
    outside = [change for change in changes if not any(rows.allow(change) for rows in allowed)]
    problems = []
    if outside:
        problems.append("changed rows outside its target:\n  " + "\n  ".join(map(str, outside)))
    if trespass := articles_it_may_not_change(case, matrix_world, changes):
        problems.append(
            f"changed articles a {case.role} may not change:\n  " + "\n  ".join(map(str, trespass))
        )
    if kind == "changelist" and case.target == "render_tag_form":
        # It changes nothing itself: it takes the selection to the merge form.
        if refused(response) or location(response) == list_home(case.model, matrix_world):
            problems.append(f"expected the action to run, got {status} {location(response)}")
        return problems + unchanged(changes)
    if kind in {"form", "add", "delete", "restore", "merge", "changelist", "moderate"}:
        if status != 302 or refused(response):
            problems.append(f"expected it to go through, got {status} {location(response)}")
        if not changes and (kind != "form" or changed):
            problems.append("expected the database to change")
    if kind == "form" and changed and status == 302:
        table = apps.get_model(case.model)._meta.db_table
        if not str(snapshot()[table][matrix_world.pk(case.target)][changed]).endswith(" (changed)"):
            problems.append(f"{changed} was not saved")
    return problems


@pytest.mark.parametrize("case", [case_param(case) for case in CASES])
def test_role_on_admin_path(case, matrix_world):
    if case.target == NO_OBJECTS:
        pytest.fail(f"add objects and an expectation for admin:{case.key}")
    access = expectation(case)
    url = url_of(case, matrix_world)
    client = signed_in(matrix_world.users[case.role])
    if case.key == "taggit_tag_merge_tags":
        # As if the merge action had been run on every tag: the form reads them here.
        session = client.session
        session["selected_tag_ids"] = ",".join(map(str, before_pks("taggit.tag", snapshot())))
        session.save()
    if case.method == "GET":
        form = (
            scraped(matrix_world, url, "editor")
            if kind_of(case) == "form" and access != NO
            else None
        )
        editor_field = first_text_field(form) if form else None
        response = client.get(url)
        problems = check_get(case, access, response, matrix_world, editor_field)
    else:
        data, changed = post_data(case, matrix_world, url)
        before = snapshot()
        response = client.post(url, data)
        changes = differences(before, snapshot())
        problems = check_post(case, access, response, changes, matrix_world, before, changed)
    problems += leaks(case, response, matrix_world)
    assert not problems, f"{case.id} (expected {access!r}):\n" + "\n".join(problems)


# --- The matrix covers everything ------------------------------------------------


def test_every_admin_url_action_and_picker_has_an_expectation():
    missing = set()
    for case in CASES:
        try:
            expectation(case)
        except pytest.fail.Exception as error:
            missing.add(str(error))
    assert not missing, "\n".join(sorted(missing))


def test_every_action_an_editor_is_offered_is_in_the_matrix(matrix_world):
    request = RequestFactory().get("/admin/")
    request.user = matrix_world.users["editor"]
    for model, model_admin_ in admin.site._registry.items():
        label = model._meta.label_lower
        offered = set(model_admin_.get_actions(request))
        assert offered <= set(changelist_posts(label)), label
        # Actions on the change form (Django 6.1) would need cases of their own.
        assert not model_admin_._get_base_actions(ActionLocation.CHANGE_FORM), label


def test_holes_name_real_cases():
    assert set(HOLES) <= {case.id for case in CASES}
