"""What the report of a year still lacks, for staff before they publish it:
contest editions without results, months not submitted (the monthly
return, returns/), narrative blocks missing or still drafts, the plan, no
photos chosen, figures that are zero this year and were not last year.

`checklist(year)` returns the items in the page's order, each with what
is missing and where to fix it (an admin address)."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from centers.models import Center
from committees.models import DistrictCommittee
from contests.models import ContestEdition
from core.models import MONTHS
from events.models import EventPhoto
from returns.models import MonthlyReturn
from returns.services import is_due

from .formatting import count
from .models import NarrativeBlock, YearPlan
from .rollover import drafts


@dataclass
class Item:
    key: str
    title: str
    missing: list = field(default_factory=list)  # (text, admin address or "")
    ok: str = ""  # what is said when nothing is missing

    @property
    def done(self) -> bool:
        return not self.missing


def _admin(name: str, **params) -> str:
    url = reverse(f"admin:{name}")
    return f"{url}?{urlencode(params)}" if params else url


def _editions(year: int) -> Item:
    item = Item("results", "Итоги конкурсов", ok="У каждого проведения года есть итоги.")
    editions = (ContestEdition.objects.filter(year=year).select_related("contest")
                .annotate(result_count=Count("results")).order_by("contest__name"))
    for edition in editions:
        if not edition.result_count:
            item.missing.append((f"{edition.contest.name}: итоги не внесены",
                                 reverse("admin:contests_contestedition_change",
                                         args=[edition.pk])))
    if not editions:
        item.missing.append((f"Нет ни одного проведения конкурса за {year} год",
                             _admin("contests_contestedition_changelist")))
    return item


def _month_names(months: list[int]) -> str:
    return ", ".join(MONTHS[m - 1] for m in months)


def _returns(year: int, today: datetime.date) -> Item:
    item = Item("returns", "Отчеты за месяц",
                ok="Все комитеты и центры сдали отчеты за каждый месяц года.")
    submitted = set(
        MonthlyReturn.objects.filter(month__year=year, state=MonthlyReturn.State.SUBMITTED)
        .values_list("committee_id", "center_id", "month")
    )
    firsts = [datetime.date(year, m, 1) for m in range(1, 13)]
    for kind, model in (("committee", DistrictCommittee), ("center", Center)):
        organisers = model.objects.filter(founded__lte=datetime.date(year, 12, 31)).exclude(
            closed__lt=datetime.date(year, 1, 1)).order_by("name")
        for organiser in organisers:
            due = [first for first in firsts if is_due(organiser, first, today)]
            missing = [
                first.month for first in due
                if ((organiser.pk, None, first) if kind == "committee"
                    else (None, organiser.pk, first)) not in submitted
            ]
            if len(missing) > 1 and len(missing) == len(due):
                item.missing.append((f"{organiser}: не сдан ни один месяц года", ""))
            elif missing:
                months = count(len(missing), "месяц", "месяца", "месяцев")
                item.missing.append((f"{organiser}: не сдано {months} — {_month_names(missing)}",
                                     ""))
    return item


def _narrative(year: int, found: dict) -> Item:
    item = Item("narrative", "Текстовые блоки отчета", ok="Все блоки есть и подтверждены.")
    blocks = {b.key: b for b in NarrativeBlock.objects.filter(year=year)}
    for key, label in NarrativeBlock.Key.choices:
        block = blocks.get(key)
        if block is None:
            item.missing.append((f"«{label}»: блока нет",
                                 _admin("reports_narrativeblock_add", year=year, key=key)))
    for block in found["blocks"]:
        item.missing.append((f"«{block.get_key_display()}»: черновик из прошлого года, "
                             "не подтвержден",
                             reverse("admin:reports_narrativeblock_change", args=[block.pk])))
    return item


def _plan(year: int, found: dict) -> Item:
    item = Item("plan", f"Цель и задачи на {year + 1} год", ok="План есть и подтвержден.")
    plan = YearPlan.objects.filter(year=year + 1).first()
    if plan is None:
        item.missing.append((f"Плана на {year + 1} год нет",
                             _admin("reports_yearplan_add", year=year + 1)))
    elif plan.is_draft:
        item.missing.append(("План — черновик из прошлого года, не подтвержден",
                             reverse("admin:reports_yearplan_change", args=[plan.pk])))
    for edition in found["editions"]:
        item.missing.append((f"{edition.contest.name}: проведение — черновик из прошлого "
                             "года, не подтверждено",
                             reverse("admin:contests_contestedition_change",
                                     args=[edition.pk])))
    return item


def _photos(year: int) -> Item:
    item = Item("photos", "Фотографии для буклета",
                ok="Есть фотографии главных событий года.")
    chosen = EventPhoto.objects.filter(event__date__year=year, event__is_highlight=True)
    if not chosen.exclude(image="").exists():
        item.missing.append(("Не выбрано ни одной фотографии: отметьте главные события "
                             "года («главное событие») с фотографиями",
                             _admin("events_event_changelist", date__year=year)))
    return item


def _figures(year: int) -> Item:
    item = Item("zero", "Показатели, которые стали нулем",
                ok="Ни один показатель прошлого года не стал нулем.")
    from .document import build

    for figure in build(year, with_charts=False).figures:
        if figure.value == 0 and figure.previous:
            item.missing.append((f"{figure.label}: 0, а в {year - 1} году было "
                                 f"{figure.previous}", figure.url))
    return item


def checklist(year: int, today: datetime.date | None = None) -> list[Item]:
    today = today or timezone.localdate()
    found = drafts(year)
    return [
        _editions(year),
        _returns(year, today),
        _narrative(year, found),
        _plan(year, found),
        _photos(year),
        _figures(year),
    ]
