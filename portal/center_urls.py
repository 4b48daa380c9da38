"""URLs of the portal's center pages (portal/center_views.py). The center's
home is the portal's home (portal/views.py::home sends role center to
center_views.center_home)."""

from django.urls import path

from . import center_views as views

urlpatterns = [
    path("center/prevention/", views.center_prevention, name="center_prevention"),
    path("center/receptions/", views.center_receptions, name="center_receptions"),
    path("center/receptions/add/", views.center_reception_add, name="center_reception_add"),
    path("center/receptions/<int:pk>/", views.center_reception_edit, name="center_reception_edit"),
    path(
        "center/receptions/<int:pk>/delete/",
        views.center_reception_delete,
        name="center_reception_delete",
    ),
    path("center/clubs/", views.center_clubs, name="center_clubs"),
    path("center/clubs/add/", views.center_club_add, name="center_club_add"),
    path("center/clubs/<int:pk>/", views.center_club_edit, name="center_club_edit"),
    path("center/clubs/<int:pk>/close/", views.center_club_close, name="center_club_close"),
    path("center/rental/", views.center_rental, name="center_rental"),
    path("center/rental/add/", views.center_rental_add, name="center_rental_add"),
    path("center/rental/<int:pk>/", views.center_rental_edit, name="center_rental_edit"),
    path(
        "center/rental/<int:pk>/delete/", views.center_rental_delete, name="center_rental_delete"
    ),
]
