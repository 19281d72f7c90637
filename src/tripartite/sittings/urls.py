from django.urls import path

from tripartite.sittings import display, views

app_name = "sittings"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_pk>/", views.session_sittings, name="session_sittings"),
    path("<int:pk>/console/", views.console, name="console"),
    path("<int:pk>/console/live/", views.console_live, name="console_live"),
    path("<int:pk>/floor/", views.floor, name="floor"),
    path("<int:pk>/edit/", views.sitting_edit, name="sitting_edit"),
    path("<int:pk>/delete/", views.sitting_delete, name="sitting_delete"),
    path("<int:pk>/vote/", views.item_vote, name="item_vote"),
    path("<int:pk>/notes/", views.notes, name="notes"),
    path("<int:pk>/record/", views.record, name="record"),
    path("sessions/<int:session_pk>/decisions/", views.decisions, name="decisions"),
    path("sessions/<int:session_pk>/figures/", views.figures, name="figures"),
    path("<int:pk>/display/", display.display, name="display"),
    path("<int:pk>/live/", display.stream, name="stream"),
]
