from django.urls import path

from tripartite.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("new/", views.proposal_create, name="create"),
    path("information-documents/", views.information_documents,
         name="information_documents"),
    path("information-documents/<int:session_pk>/", views.information_document_file,
         name="information_document"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("batch/", views.batch_send, name="batch_send"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/concept-note/", views.concept_note, name="concept_note"),
    path("<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("<int:pk>/move/", views.proposal_move, name="move"),
    path("<int:pk>/opinion/", views.proposal_opinion, name="opinion"),
    path("<int:pk>/decision/", views.proposal_decision, name="decision"),
    path("<int:pk>/report/", views.proposal_report, name="report"),
]
