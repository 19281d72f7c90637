from django.contrib import admin
from django.urls import include, path

from tripartite.common import views as common_views
from tripartite.config.api import api

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("accounts/", include("tripartite.accounts.urls")),
    path("states/", include("tripartite.constituents.urls")),
    path("meetings/", include("tripartite.meetings.urls")),
    path("delegations/", include("tripartite.delegations.urls")),
    path("registration/", include("tripartite.registration.urls")),
    path("membership/", include("tripartite.membership.urls")),
    path("votes/", include("tripartite.votes.urls")),
    path("proposals/", include("tripartite.proposals.urls")),
    path("correspondence/", include("tripartite.correspondence.urls")),
    path("history/", include("tripartite.common.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
