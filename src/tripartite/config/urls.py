from django.contrib import admin
from django.urls import include, path

from tripartite.config.api import api
from tripartite.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("readyz", site_views.readyz, name="readyz"),
    path("metrics", site_views.metrics, name="metrics"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("accounts/", include("tripartite.accounts.urls")),
    path("states/", include("tripartite.constituents.urls")),
    path("meetings/", include("tripartite.meetings.urls")),
    path("delegations/", include("tripartite.delegations.urls")),
    # /registration/… and the Credentials Committee's figures at /delegations/…/figures/.
    path("", include("tripartite.registration.urls")),
    path("membership/", include("tripartite.membership.urls")),
    path("votes/", include("tripartite.votes.urls")),
    path("sittings/", include("tripartite.sittings.urls")),
    path("proposals/", include("tripartite.proposals.urls")),
    path("correspondence/", include("tripartite.correspondence.urls")),
    path("library/", include("tripartite.library.urls")),
    path("downloads/", include("tripartite.jobs.urls")),
    path("history/", include("tripartite.site.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
