from django.urls import path

from tripartite.votes import views

app_name = "votes"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_pk>/", views.session_votes, name="session_votes"),
    path("sessions/<int:session_pk>/substitutes/", views.substitutes, name="substitutes"),
    path("<int:pk>/manage/", views.vote_manage, name="vote_manage"),
    path("<int:pk>/ballot/", views.vote_ballot, name="vote_ballot"),
    path("<int:pk>/result/", views.vote_result, name="vote_result"),
    path("<int:pk>/result.pdf", views.vote_result_pdf, name="vote_result_pdf"),
]
