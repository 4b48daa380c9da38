"""URLs of the portal's chair pages (portal/chair_views.py)."""

urlpatterns = []
