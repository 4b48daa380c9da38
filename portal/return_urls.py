"""URLs of the portal's return pages (portal/return_views.py), the board's
reminders and the deletion of an event (both of the monthly return's
work)."""

from django.urls import path

from . import board_views, event_views, return_views

urlpatterns = [
    path("returns/", return_views.return_latest, name="return_latest"),
    path("returns/<int:year>/<int:month>/", return_views.return_month, name="return_month"),
    path(
        "board/reopen/<str:kind>/<int:pk>/<int:year>/<int:month>/",
        return_views.return_reopen,
        name="return_reopen",
    ),
    path("board/remind/", board_views.board_remind, name="board_remind"),
    path("events/<int:pk>/delete/", event_views.event_delete, name="event_delete"),
]
