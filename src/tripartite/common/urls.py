from django.urls import path

from tripartite.common import views

app_name = "common"
urlpatterns = [
    path("", views.action_log, name="action_log"),
]
