from django.urls import path, re_path

from tripartite.correspondence import views

app_name = "correspondence"
urlpatterns = [
    path("", views.register, name="register"),
    re_path(r"^register\.(?P<fmt>csv|xlsx)$", views.register_export, name="register_export"),
    path("awaiting-replies/", views.awaiting, name="awaiting"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    re_path(r"^letters/(?P<pk>[0-9]+)/(?P<kind>word|pdf)$", views.letter_file, name="letter_file"),
    path("replies/<int:pk>/file", views.reply_file, name="reply_file"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("template-versions/<int:pk>/file", views.template_version_file,
         name="template_version_file"),
    path("address-book/", views.address_book, name="address_book"),
    path("address-book/new/", views.entry_create, name="entry_create"),
    path("address-book/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    re_path(r"^batches/(?P<pk>[0-9]+)/preview/(?P<language>en|fr|es)/$", views.batch_preview,
         name="batch_preview"),
    path("batches/<int:pk>/letters.zip", views.batch_zip, name="batch_zip"),
    path("sessions/<int:session_pk>/credentials-reminder/", views.credentials_reminder,
         name="credentials_reminder"),
]
