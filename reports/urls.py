from django.urls import path

from . import edition_views, views

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
    # Published editions, the year's start and its checklist (staff).
    path("<int:year>/publish", edition_views.publish, name="publish"),
    path("<int:year>/start-next", edition_views.start_year, name="start_year"),
    path("<int:year>/checklist", edition_views.checklist, name="checklist"),
    path("checklist", edition_views.checklist_latest, name="checklist_latest"),
    path("edition/<int:pk>/<str:kind>", edition_views.edition_file, name="edition_file"),
]
