"""URLs of the delegations' portal pages (see urls.py)."""

urlpatterns = []
