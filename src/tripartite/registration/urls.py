"""Registration: the desk (photos, identity, badges), the doors (check-in, attendance) and the
Credentials Committee's figures of persons registered. Each part keeps its own URL module.

Mounted at the site's root: the desk and the doors under /registration/, the Committee's
figures under /delegations/, where they were before they moved up a floor.
"""

from django.urls import include, path

from tripartite.registration import committee_urls, desk_urls, door_urls

app_name = "registration"
urlpatterns = [
    path("registration/", include([*desk_urls.urlpatterns, *door_urls.urlpatterns])),
    path("delegations/", include(committee_urls.urlpatterns)),
]
