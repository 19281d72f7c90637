"""URLs of the delegations' lists pages (see urls.py)."""

urlpatterns = []
