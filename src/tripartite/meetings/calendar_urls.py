from django.urls import path

from tripartite.meetings import calendar

calendar_urlpatterns = [
    path("calendar/", calendar.calendar_month, name="calendar"),
    path("calendar/list/", calendar.calendar_list, name="calendar_list"),
    path("calendar.ics", calendar.ics_calendar, name="ics_calendar"),
    path("sessions/<int:pk>/calendar.ics", calendar.ics_session, name="ics_session"),
]
