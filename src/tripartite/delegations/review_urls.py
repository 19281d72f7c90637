"""URLs of the delegations' review pages (see urls.py)."""

urlpatterns = []
