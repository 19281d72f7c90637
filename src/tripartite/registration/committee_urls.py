"""URLs of the Credentials Committee's figures, mounted under /delegations/ (their address
before they moved up from the delegations app)."""

from django.urls import path

from tripartite.registration import committee_views as views

urlpatterns = [
    path("sessions/<int:session_pk>/figures/", views.credentials_figures,
         name="credentials_figures"),
    path("sessions/<int:session_pk>/figures.csv", views.credentials_figures_csv,
         name="credentials_figures_csv"),
]
