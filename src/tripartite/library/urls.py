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
    path("texts/", views.rules_texts, name="rules_texts"),
    path("texts/import/", views.rules_text_import, name="rules_text_import"),
    path("texts/<slug:instrument>/", views.rules_text, name="rules_text"),
    path("texts/<slug:instrument>/<str:version>/", views.rules_text,
         name="rules_text_version"),
]
