from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<int:pk>/", views.post_comment, name="post"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("moderate/<int:pk>/<slug:action>/", views.moderate, name="moderate"),
]
