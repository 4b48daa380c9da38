from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.page, name="page"),
    path("<int:year>/xlsx", views.xlsx, name="xlsx"),
    path("<int:year>/pdf", views.pdf, name="pdf"),
    path("<int:year>/booklet", views.booklet_request, name="booklet_request"),
    path("booklet/<int:pk>/", views.booklet_job, name="booklet_job"),
    path("booklet/<int:pk>/status", views.booklet_status, name="booklet_status"),
    path("booklet/<int:pk>/file", views.booklet_file, name="booklet_file"),
]
