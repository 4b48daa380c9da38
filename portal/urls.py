from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("events/", views.event_list, name="event_list"),
    path("events/add/", views.event_add, name="event_add"),
    path("events/<int:pk>/", views.event_edit, name="event_edit"),
    path("applications/add/", views.application_add, name="application_add"),
    path("board/", views.board, name="board"),
    path("board/missing.xlsx", views.board_export, name="board_export"),
]
