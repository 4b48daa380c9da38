"""The portal's URLs: the shared pages here, each area's in its own list."""

from django.urls import path

from . import board_views, event_views, views
from .center_urls import urlpatterns as center_urls
from .chair_urls import urlpatterns as chair_urls
from .return_urls import urlpatterns as return_urls

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("events/", event_views.event_list, name="event_list"),
    path("events/add/", event_views.event_add, name="event_add"),
    path("events/<int:pk>/", event_views.event_edit, name="event_edit"),
    path("applications/add/", views.application_add, name="application_add"),
    path("board/", board_views.board, name="board"),
    path("board/missing.xlsx", board_views.board_export, name="board_export"),
    *chair_urls,
    *center_urls,
    *return_urls,
]
