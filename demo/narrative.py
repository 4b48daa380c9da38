"""Demo data of the annual report: the text of the 2022 report that is not a
figure (the seed's own words), and the goal and tasks set for 2023, from
fixtures/demo_report.json; and the photos of the report's story that the
registry's highlights do not give: the contests' winners and the year's
initiative projects.

Runs after the contests' demo, which loads the municipal programme the year
plan belongs to, the winners and the projects. Figures are never written
here: the report computes them from the registry; the photos go onto
events that exist already, so no count changes.
"""

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from contests.models import InitiativeProject, Result
from events.models import Event, EventPhoto

from . import data, images

REPORT = "demo_report.json"
YEAR = 2022
# Per contest, the first places get a photo (reports/photos.py finds it).
WINNER_PLACES = (1, 3, 5)


def load() -> None:
    data.load_fixture(REPORT)
    load_story_photos()


def _save_photo(event: Event, title: str, subtitle: str, caption: str) -> EventPhoto:
    # Approved for the booklet as staff would (reports/photos.py prints
    # approved photos only).
    photo = EventPhoto(event=event, caption=caption, booklet_caption=caption,
                       booklet_state=EventPhoto.Booklet.APPROVED, decided_at=timezone.now())
    name = f"demo-{event.pk}-story.jpg"  # the highlights' are demo-{pk}-{n}
    # A reload writes the same names: replace the files rather than pile up
    # copies under suffixed names.
    stored = photo.image.field.generate_filename(photo, name)
    if photo.image.storage.exists(stored):
        photo.image.storage.delete(stored)
    photo.image.save(name, ContentFile(images.draw_photo(title, subtitle, event.date.month,
                                                         f"{event.pk}-story")), save=False)
    return photo


def _winners_events() -> list[tuple[Result, Event]]:
    """A winner's best attended event of the year, for the results whose
    winner holds events (a TOS body, a committee, a center)."""
    out, seen = [], set()
    results = (Result.objects.filter(edition__year=YEAR, place__in=WINNER_PLACES)
               .select_related("application__tos_body", "application__center",
                               "application__committee", "edition__contest")
               .order_by("edition_id", "pk"))
    for result in results:
        app = result.application
        if app.tos_body_id:
            where = Q(tos_body_id=app.tos_body_id)
        elif app.center_id:
            where = Q(center_id=app.center_id)
        elif app.committee_id:
            where = Q(committee_id=app.committee_id, tos_body__isnull=True)
        else:
            continue
        if result.edition.contest.report_key == "best_center" and result.place != 1:
            continue  # the first place of each direction is enough
        event = (Event.objects.in_year(YEAR).filter(where).exclude(pk__in=seen)
                 .order_by("-participants", "pk").first())
        if event is not None:
            seen.add(event.pk)
            out.append((result, event))
    return out


def _project_events() -> list[tuple[InitiativeProject, Event]]:
    """For each project built in the year, a sport event of its territory's
    committees after the summer's works, moved to the new ground."""
    out, seen = [], set()
    projects = InitiativeProject.objects.filter(
        year_built=YEAR, status=InitiativeProject.Status.BUILT).order_by("pk")
    for project in projects:
        events = (Event.objects.in_year(YEAR).by_committees()
                  .filter(territory_id=project.territory_id, date__month__gte=7)
                  .exclude(pk__in=seen))
        event = (events.filter(kind=Event.Kind.SPORT).order_by("-participants", "pk").first()
                 or events.order_by("-participants", "pk").first())
        if event is not None:
            seen.add(event.pk)
            out.append((project, event))
    return out


def load_story_photos() -> int:
    rows = []
    for result, event in _winners_events():
        winner = result.application.applicant
        name = f"ЦРН «{winner.name}»" if result.application.center_id else str(winner)
        rows.append(_save_photo(
            event, name, f"{event.title} · {event.date:%d.%m.%Y}",
            f"{event.title}: {name} — среди победителей конкурса "
            f"«{result.edition.contest.name}»",
        ))
    moved = []
    for project, event in _project_events():
        event.place = f"Спортивная площадка, {project.address}"
        moved.append(event)
        where = project.title.removeprefix("Благоустройство ")
        where = where[:1].upper() + where[1:]
        rows.append(_save_photo(
            event, where, f"{project.address} · {event.date:%d.%m.%Y}",
            f"{event.title} на новой площадке, построенной по программе "
            f"«{project.program.name}»",
        ))
    Event.objects.bulk_update(moved, ["place"])
    EventPhoto.objects.bulk_create(rows)
    return len(rows)
