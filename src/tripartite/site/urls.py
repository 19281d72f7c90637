from django.urls import path

from tripartite.site import views

app_name = "site"
urlpatterns = [
    path("", views.action_log, name="action_log"),
]
