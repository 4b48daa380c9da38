from django.apps import apps
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from .blank import blank_workbook
from .registry import kind_for_model

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_member_required
def blank_template(request, app_label, model_name):
    """«Скачать шаблон»: the blank workbook of a model's import format."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("Нет такого раздела.") from None
    kind = kind_for_model(model)
    if kind is None:
        raise Http404("Для этого раздела нет формата загрузки.")
    codename = get_permission_codename("import", model._meta)
    if not request.user.has_perm(f"{app_label}.{codename}"):
        raise PermissionDenied
    response = HttpResponse(blank_workbook(kind, request.user), content_type=XLSX)
    filename = f"template-{kind.key}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
