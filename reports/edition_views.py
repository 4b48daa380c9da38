"""The pages of published editions, the year's start and its checklist,
for city staff; and what the report page shows of a published year
(`page_context`, called by reports.views.page). The writes are in
reports.editions and reports.rollover; the checks in reports.checklist."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.scoping import get_scope

from . import editions, rollover, services
from .aggregates import years_with_data
from .checklist import checklist as checklist_items
from .formatting import count, plural
from .models import ClosedYear, PublishedEdition


def _staff_only(user) -> None:
    if not get_scope(user).is_staff:
        raise PermissionDenied("Эта страница — для сотрудников администрации города.")


def _changed_phrase(n: int) -> str:
    return (f"{plural(n, 'изменился', 'изменились', 'изменились')} "
            f"{count(n, 'показатель', 'показателя', 'показателей')}")


def _edition_body(edition: PublishedEdition, version: str) -> str:
    """The published figures (each changed one marked «было N, стало M»)
    and the text, tables and charts as they were rendered when published."""
    snapshot = edition.snapshot
    changed = editions.changes(edition, version)
    figures = [{**f, "change": changed.get(f["key"])} for f in snapshot["figures"]]
    return render_to_string("reports/edition_body.html", {
        "snapshot": snapshot,
        "previous_year": edition.year - 1,
        "figures": figures,
        "changed_count": len(changed),
        "changed_phrase": _changed_phrase(len(changed)),
        # Rendered by the project's own templates from escaped values.
        "sections_html": mark_safe(snapshot.get("sections_html", "")),  # noqa: S308
    })


def page_context(request, year: int, territory) -> dict:
    """For the report page: the published edition of the year (shown by
    default for the city, ?live=1 shows the live figures), the editions to
    download, and for staff their buttons and the year's drafts.
    `edition_body` is the page's body when the edition is shown, and then
    `version` the data's version."""
    is_staff = get_scope(request.user).is_staff
    edition = editions.latest(year)
    shown = (edition is not None and territory is None and is_staff
             and request.GET.get("live") != "1")
    context = {
        "edition": edition,
        "edition_shown": shown,
        "edition_body": None,
        "closed_year": ClosedYear.objects.filter(year=year).first(),
        "is_staff": is_staff,
    }
    if shown:
        version = services.data_version()
        context["version"] = version
        # Rendered by the project's own templates from escaped values.
        context["edition_body"] = mark_safe(_edition_body(edition, version))  # noqa: S308
    if is_staff:
        context.update({
            "editions": PublishedEdition.objects.filter(year=year).order_by("-number"),
            "publish_url": reverse("reports:publish", args=[year]),
            "checklist_url": reverse("reports:checklist", args=[year]),
            "start_year_url": reverse("reports:start_year", args=[year]),
            "live_url": reverse("reports:page", args=[year]) + "?live=1",
            "edition_url": reverse("reports:page", args=[year]),
            "drafts": rollover.drafts(year),
        })
    return context


class PublishForm(forms.Form):
    note = forms.CharField(
        label="Примечание", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Для второй и следующих редакций — что и почему изменилось.",
    )


@login_required
def publish(request, year: int):
    """«Опубликовать отчет за год»: the form, and the POST that publishes."""
    _staff_only(request.user)
    last = editions.latest(year)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = editions.publish(user=request.user, year=year,
                                       note=form.cleaned_data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            edition.refresh_from_db()
            if edition.status == PublishedEdition.Status.PUBLISHED:
                messages.success(request, f"Отчет за {year} год опубликован: "
                                          f"редакция № {edition.number}. Год закрыт.")
            else:
                messages.info(request, f"Редакция № {edition.number} готовится; "
                                       f"{year} год уже закрыт.")
            return redirect("reports:page", year=year)
    return render(request, "reports/edition_publish.html", {
        "year": year, "form": form, "last": last,
        "report_url": reverse("reports:page", args=[year]),
    })


@login_required
def start_year(request, year: int):
    """«Начать год Y+1»: what will be copied, and the POST that copies it."""
    _staff_only(request.user)
    done = None
    if request.method == "POST":
        done = rollover.start_year(year=year)
        if done.created:
            messages.success(request, f"{year + 1} год начат: черновики скопированы из "
                                      f"{year} года. Проверьте и подтвердите их.")
        else:
            messages.info(request, f"Все черновики {year + 1} года уже есть: "
                                   "ничего не скопировано повторно.")
        return redirect("reports:checklist", year=year + 1)
    return render(request, "reports/edition_start_year.html", {
        "year": year, "new_year": year + 1, "done": done,
        "report_url": reverse("reports:page", args=[year]),
    })


@login_required
def checklist(request, year: int):
    """What the report of the year still lacks."""
    _staff_only(request.user)
    items = checklist_items(year)
    left = sum(len(item.missing) for item in items)
    return render(request, "reports/checklist.html", {
        "year": year, "items": items, "left": left,
        "left_phrase": count(left, "пункт", "пункта", "пунктов"),
        "report_url": reverse("reports:page", args=[year]),
        "publish_url": reverse("reports:publish", args=[year]),
    })


@login_required
def checklist_latest(request):
    """The admin index's link: the checklist of the latest year with data."""
    _staff_only(request.user)
    years = years_with_data()
    return redirect("reports:checklist", year=years[0] if years else timezone.localdate().year)


@login_required
def edition_file(request, pk: int, kind: str):
    """An edition's PDF or xlsx: the stored file, byte for byte."""
    _staff_only(request.user)
    if kind not in ("pdf", "xlsx"):
        raise Http404("Нет такого файла.")
    edition = get_object_or_404(PublishedEdition, pk=pk, status=PublishedEdition.Status.PUBLISHED)
    file = edition.pdf if kind == "pdf" else edition.xlsx
    if not file:
        raise Http404("Файла этой редакции нет.")
    name = f"Годовой отчет за {edition.year} год, редакция {edition.number}.{kind}"
    content_type = ("application/pdf" if kind == "pdf" else
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return FileResponse(file.open("rb"), content_type=content_type, as_attachment=True,
                        filename=name)
