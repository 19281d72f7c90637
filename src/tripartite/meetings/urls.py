from django.urls import path

from tripartite.meetings import views
from tripartite.meetings.calendar_urls import calendar_urlpatterns

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:meeting_pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:session_pk>/agenda/new/", views.agenda_item_create,
         name="agenda_item_create"),
    path("sessions/<int:session_pk>/committees/new/", views.committee_create,
         name="committee_create"),
    path("sessions/<int:session_pk>/officers/new/", views.officer_create,
         name="officer_create"),
    path("officers/<int:pk>/delete/", views.officer_delete, name="officer_delete"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    *calendar_urlpatterns,
]
