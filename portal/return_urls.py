"""URLs of the portal's return pages (portal/return_views.py)."""

urlpatterns = []
