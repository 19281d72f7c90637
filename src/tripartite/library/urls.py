from django.urls import path

from tripartite.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/add/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/follow-up/", views.decision_follow_up, name="decision_follow_up"),
]
