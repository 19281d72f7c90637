from django.urls import path

from tripartite.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
]
