from django.urls import path

from tripartite.constituents import views

app_name = "constituents"
urlpatterns = [
    path("", views.member_state_list, name="member_state_list"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("<str:iso2>/", views.member_state_detail, name="member_state_detail"),
    path("<str:iso2>/names/", views.member_state_edit, name="member_state_edit"),
    path("<str:iso2>/organisations/new/", views.organisation_create,
         name="organisation_create"),
    path("<str:iso2>/people/new/", views.person_create, name="person_create"),
]
