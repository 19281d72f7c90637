"""Registration: the desk (photos, identity, badges) and the doors (check-in, attendance).
Each part keeps its own URL module."""

from tripartite.registration import desk_urls, door_urls

app_name = "registration"
urlpatterns = [*desk_urls.urlpatterns, *door_urls.urlpatterns]
