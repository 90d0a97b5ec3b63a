from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<path:path>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("like/<int:pk>/", views.like, name="like"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
    path("live/<int:pk>/updates/", views.live_updates, name="live_updates"),
    # Last: an article lives under its section's path, e.g. /world-news/europe/<slug>/.
    path("<path:section_path>/<slug:slug>/", views.ArticleView.as_view(), name="detail"),
]
