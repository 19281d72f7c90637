"""URLs of the Office's review and of the Credentials Committee (see urls.py)."""

from django.urls import path

from tripartite.delegations import review_views as views

urlpatterns = [
    path("sessions/", views.credentials_index, name="credentials_index"),
    path("sessions/<int:session_pk>/", views.review_overview, name="review_overview"),
    path("sessions/<int:session_pk>/arrears/", views.review_arrears, name="review_arrears"),
    path("sessions/<int:session_pk>/objections/", views.committee_objections,
         name="committee_objections"),
    path("delegations/<int:pk>/review/", views.review_delegation, name="review_delegation"),
    path("delegations/<int:pk>/letter/", views.review_letter, name="review_letter"),
    path("objections/<int:pk>/", views.committee_objection, name="committee_objection"),
]
