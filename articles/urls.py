from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<path:path>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("like/<int:pk>/", views.like, name="like"),
    # Last: an article lives under its section's path, e.g. /world-news/europe/<slug>/.
    path("<path:section_path>/<slug:slug>/", views.ArticleView.as_view(), name="detail"),
]
