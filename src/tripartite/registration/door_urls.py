"""URLs of the doors: check-in, attendance and the quorum base, departures, figures."""

from django.urls import path

from tripartite.registration import door_views as views

urlpatterns = [
    path("check-in/", views.checkin_start, name="checkin_start"),
    path("sessions/<int:session_pk>/check-in/", views.checkin_page, name="checkin"),
    path("attendance/", views.attendance_index, name="attendance_index"),
    path("sessions/<int:session_pk>/attendance/", views.attendance_page, name="attendance"),
    path("sessions/<int:session_pk>/attendance/basis/", views.attendance_basis,
         name="attendance_basis"),
    path("registrations/<int:pk>/departure/", views.departure, name="departure"),
    path("sessions/<int:session_pk>/door-figures/", views.figures_page, name="door_figures"),
]
