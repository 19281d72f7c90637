from django.urls import path

from tripartite.membership import views

app_name = "membership"
urlpatterns = [
    path("", views.index, name="index"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/members/new/", views.committee_member_add,
         name="committee_member_add"),
    path("committees/<int:pk>/replacements/new/", views.committee_replacement_add,
         name="committee_replacement_add"),
    path("committees/<int:pk>/weights/publish/", views.weights_publish, name="weights_publish"),
    path("committee-members/<int:pk>/end/", views.committee_member_end,
         name="committee_member_end"),
    path("committee-replacements/<int:pk>/end/", views.committee_replacement_end,
         name="committee_replacement_end"),
    path("governing-body/<int:pk>/", views.gb_session, name="gb_session"),
    path("governing-body/<int:session_pk>/members/new/", views.gb_member_add,
         name="gb_member_add"),
    path("governing-body/<int:session_pk>/members/<int:pk>/end/", views.gb_member_end,
         name="gb_member_end"),
    path("governing-body/<int:session_pk>/replacements/new/", views.gb_replacement_add,
         name="gb_replacement_add"),
    path("governing-body-replacements/<int:pk>/end/", views.gb_replacement_end,
         name="gb_replacement_end"),
]
