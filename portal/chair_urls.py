"""URLs of the portal's chair pages (portal/chair_views.py)."""

from django.urls import path

from . import chair_views

urlpatterns = [
    path("bodies/", chair_views.body_list, name="body_list"),
    path("bodies/add/", chair_views.body_add, name="body_add"),
    path("bodies/<int:pk>/", chair_views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/close/", chair_views.body_close, name="body_close"),
    path("activists/", chair_views.activist_list, name="activist_list"),
    path("activists/add/", chair_views.activist_add, name="activist_add"),
    path("activists/<int:pk>/", chair_views.activist_detail, name="activist_detail"),
    path("activists/<int:pk>/end/", chair_views.activist_end, name="activist_end"),
    path("activists/<int:pk>/consents/add/", chair_views.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", chair_views.consent_withdraw, name="consent_withdraw"),
    path("applications/", chair_views.my_applications, name="my_applications"),
]
