"""Delegations and credentials: the focal points' portal, the Office's review and the
Credentials Committee, and the lists of delegations. Each part keeps its own URL module."""

from tripartite.delegations import lists_urls, portal_urls, review_urls

app_name = "delegations"
urlpatterns = [*portal_urls.urlpatterns, *review_urls.urlpatterns, *lists_urls.urlpatterns]
