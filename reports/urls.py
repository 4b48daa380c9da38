from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.page, name="page"),
    path("<int:year>/xlsx", views.xlsx, name="xlsx"),
    path("<int:year>/pdf", views.pdf, name="pdf"),
]
