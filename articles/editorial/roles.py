"""The newsroom's roles as Django groups, kept in step with the permissions.

Groups are created by migrations and re-synced after every `migrate` (and after
a test database flush), so a permission added later reaches its role without a
hand-written migration.
"""

from django.apps import apps as global_apps

from core.roles import sync_roles

# group name -> {app label: permission codenames, or "__all__"}
ROLES = {
    # Edit everything, publish, schedule, unpublish, correct.
    "Editors": {"articles": "__all__", "images": "__all__", "taggit": "__all__"},
    # Create articles and edit their own until published; submit for review.
    # Which articles are "their own" is enforced by the article admin.
    "Writers": {
        "articles": [
            "add_article", "change_article", "view_article",
            "add_byline", "change_byline", "delete_byline", "view_byline",
            "add_articleimage", "change_articleimage", "delete_articleimage", "view_articleimage",
            "add_relatedlink", "change_relatedlink", "delete_relatedlink", "view_relatedlink",
            "add_liveupdate", "change_liveupdate", "view_liveupdate",
            "add_articlegallery", "change_articlegallery", "delete_articlegallery",
            "view_articlegallery",
            "add_articleembed", "change_articleembed", "delete_articleembed", "view_articleembed",
            # Galleries: which a writer may change is permissions.can_change_gallery.
            "add_gallery", "change_gallery", "view_gallery",
            "add_galleryimage", "change_galleryimage", "delete_galleryimage", "view_galleryimage",
            "view_section", "view_author",
            # Pages: draft and submit their own; publishing is an editor's.
            "add_page", "change_page", "view_page",
        ],
        # Writers upload images; which they may change is articles' rule
        # (editorial/permissions.py, asked by the images admin).
        "images": ["add_captionedimage", "change_captionedimage", "view_captionedimage"],
        # Tags go on articles from the article's form, through the workflow.
        "taggit": ["add_tag", "view_tag"],
    },
}  # fmt: skip


def sync_after_migrate(sender, apps=global_apps, **kwargs):
    sync_roles(ROLES, apps)
