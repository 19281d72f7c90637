"""URLs of the registration desk and of the photos (see urls.py)."""

from django.urls import path

from tripartite.registration import desk_views as views

urlpatterns = [
    path("desk/", views.desk_index, name="desk_index"),
    path("sessions/<int:session_pk>/desk/", views.desk_session, name="desk_session"),
    path("sessions/<int:session_pk>/desk/from-credentials", views.desk_registrations_create,
         name="desk_registrations_create"),
    path("sessions/<int:session_pk>/desk/add/", views.desk_add, name="desk_add"),
    path("sessions/<int:session_pk>/desk/print-not-printed", views.desk_print_unprinted,
         name="desk_print_unprinted"),
    path("sessions/<int:session_pk>/desk/delegations/<str:iso2>/print",
         views.desk_print_delegation, name="desk_print_delegation"),
    path("desk/registrations/<int:pk>/", views.desk_registration, name="desk_registration"),
    path("desk/registrations/<int:pk>/confirm", views.desk_confirm, name="desk_confirm"),
    path("desk/registrations/<int:pk>/print", views.desk_print, name="desk_print"),
    path("desk/badges/<int:pk>/revoke", views.desk_revoke, name="desk_revoke"),
    path("photos/", views.photo_index, name="photo_index"),
    path("registrations/<int:pk>/photo/", views.photo_upload, name="photo_upload"),
    path("registrations/<int:pk>/photo/confirm", views.photo_confirm, name="photo_confirm"),
    path("registrations/<int:pk>/photo.jpg", views.photo, name="photo"),
]
