"""URLs of the portal's center pages (portal/center_views.py)."""

urlpatterns = []
