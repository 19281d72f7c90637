"""URLs of the delegations' lists pages (see urls.py)."""

from django.urls import path

from tripartite.delegations import lists_views as views

urlpatterns = [
    path("sessions/<int:session_pk>/lists/", views.list_index, name="list_index"),
    path("sessions/<int:session_pk>/lists/current/", views.list_current, name="list_current"),
    path("sessions/<int:session_pk>/lists/current/pdf", views.list_current_pdf,
         name="list_current_pdf"),
    path("sessions/<int:session_pk>/lists/current/docx", views.list_current_docx,
         name="list_current_docx"),
    path("sessions/<int:session_pk>/lists/current/xlsx", views.list_current_xlsx,
         name="list_current_xlsx"),
    path("sessions/<int:session_pk>/lists/current/csv", views.list_current_csv,
         name="list_current_csv"),
    path("sessions/<int:session_pk>/lists/publish/", views.list_publish, name="list_publish"),
    path("lists/<int:pk>/", views.list_published, name="list_published"),
    path("lists/<int:pk>/pdf", views.list_published_pdf, name="list_published_pdf"),
    path("lists/<int:pk>/docx", views.list_published_docx, name="list_published_docx"),
    path("lists/<int:pk>/xlsx", views.list_published_xlsx, name="list_published_xlsx"),
    path("lists/<int:pk>/csv", views.list_published_csv, name="list_published_csv"),
]
