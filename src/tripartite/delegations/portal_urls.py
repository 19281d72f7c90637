"""URLs of the delegations' portal pages (see urls.py)."""

from django.urls import path

from tripartite.delegations import portal_views as views

DELEGATION = "portal/<int:session_pk>/<str:iso2>/"

urlpatterns = [
    path("portal/", views.portal, name="portal"),
    path(DELEGATION, views.portal_delegation, name="portal_delegation"),
    path(f"{DELEGATION}submit/", views.portal_submit, name="portal_submit"),
    path(f"{DELEGATION}letter/", views.portal_letter_upload, name="portal_letter_upload"),
    path(f"{DELEGATION}letter.pdf", views.portal_letter, name="portal_letter"),
    path(f"{DELEGATION}template.xlsx", views.portal_template, name="portal_template"),
    path(f"{DELEGATION}import/", views.portal_import, name="portal_import"),
    path("portal/nominations/<int:pk>/withdraw/", views.portal_withdraw,
         name="portal_withdraw"),
    path("portal/queries/<int:pk>/answer/", views.portal_answer, name="portal_answer"),
]
