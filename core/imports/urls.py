from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("template/<slug:app_label>/<slug:model_name>/", views.blank_template,
         name="template"),
]
