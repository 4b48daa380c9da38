"""The whole registry of a year in one workbook: a human-readable copy kept
beside the database dumps (see docs/deployment.md, «Резервные копии»).

Each sheet is one import format, so a sheet can be imported back with
`manage.py import_xlsx <kind>`; the export goes through the same resources,
scoping, personal-data rules and export log as the admin's export.
"""

from io import BytesIO

from django.db.models import Q
from openpyxl import Workbook

from accounts.services import record_export
from centers.models import Club, PreventionRecord, Reception
from centers.resources import ClubResource, PreventionRecordResource, ReceptionResource
from committees.models import Activist, TosBody
from committees.resources import ActivistResource, TosBodyResource
from contests.models import Application, InitiativeProject
from contests.resources import ApplicationResource, InitiativeProjectResource
from events.models import Event
from events.resources import EventResource


def year_sheets(year: int):
    """(sheet title, resource class, queryset of the year) for each kind."""
    return [
        ("Органы ТОС", TosBodyResource, TosBody.objects.active_in(year)),
        ("Активисты", ActivistResource, Activist.objects.active_in(year)),
        ("Мероприятия", EventResource, Event.objects.in_year(year)),
        ("Кружки и клубы", ClubResource, Club.objects.active_in(year)),
        ("Приемы граждан", ReceptionResource, Reception.objects.in_year(year)),
        ("Профилактика", PreventionRecordResource, PreventionRecord.objects.in_year(year)),
        ("Заявки на конкурсы", ApplicationResource, Application.objects.in_year(year)),
        (
            "Инициативные проекты",
            InitiativeProjectResource,
            InitiativeProject.objects.filter(Q(year_submitted=year) | Q(year_built=year)),
        ),
    ]


def year_workbook(year: int, *, user, progress=None) -> bytes:
    """The workbook of a year as the user may see it; each sheet's rows are
    recorded in the export log."""
    book = Workbook(write_only=True)
    for title, resource_class, queryset in year_sheets(year):
        resource = resource_class(user=user)
        dataset = resource.export(queryset=queryset, force_native_type=True)
        sheet = book.create_sheet(title)
        sheet.append(list(dataset.headers))
        for row in dataset:
            sheet.append(list(row))
        record_export(
            user=user,
            queryset=resource.filter_export(queryset),
            filters=f"год {year}",
            file_format="xlsx",
            via="manage.py export_year",
        )
        if progress:
            progress(title, len(dataset))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
