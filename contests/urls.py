from django.urls import path

from . import views

app_name = "contests"
urlpatterns = [
    path("<int:edition_id>/results/", views.edition_results, name="edition_results"),
]
