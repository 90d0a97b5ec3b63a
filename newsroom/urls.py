from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

from . import views

# The site's own name heads the admin ("The Daily Newsroom", not "… Newsroom newsroom").
admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = f"{settings.NEWSROOM_SITE_NAME} admin"
admin.site.index_title = "Newsroom"

# 500, or 503 while the database is out of reach (newsroom/errors.py).
handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path("healthz", views.health, name="health"),
    # The image library was the articles app's: its old admin addresses (bookmarks,
    # links in old emails) lead to the same pages in the images app.
    re_path(
        r"^admin/articles/captionedimage/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/images/captionedimage/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
elif settings.NEWSROOM_SERVE_MEDIA:
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns = [
        re_path(rf"^{media}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]
if settings.NEWSROOM_BENCH_CEILING:
    urlpatterns = [path("bench/ceiling/", views.ceiling), *urlpatterns]
