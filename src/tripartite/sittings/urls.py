from django.urls import path

from tripartite.sittings import views

app_name = "sittings"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_pk>/", views.session_sittings, name="session_sittings"),
    path("<int:pk>/console/", views.console, name="console"),
    path("<int:pk>/floor/", views.floor, name="floor"),
]
