"""Which photos the booklet prints, and in which section.

Every photo reaches the booklet through an event (`EventPhoto`), and only
once approved: chairs and centers propose a photo with a caption in the
portal, city staff approve or reject it in one queue (the admin's «Фото для
буклета», `events.models.BookletProposal`), editing the caption and the
order. A rejected photo, or one never proposed, is never printed.

- the year's highlights (the approved photos not shown elsewhere) go to the
  section of their organiser: a committee's to «ТОС», a center's to the centers, the city's
  (the gathering) to «Информирование населения и Слет общественности»;
- a contest's winner is shown with a photo of an event the winner itself
  held that year: its TOS body's, else its committee's, else its center's
  (a person or a team has none), in the section that tells of the contest;
- an initiative project built in the year, with a photo of an event held
  at its address that year (its opening, a clean-up there).

`printable_photos()` is the one set of photos all three choose from: the
approved ones, in the order staff gave them. Their captions are the
approved `EventPhoto.booklet_caption`, in which a person is named only with
a publication consent (`published_captions()`, by the rule of the contests'
results, `contests.models.Application.mark_for_publication`).
`section_photos()` returns, per section key, what the booklet prints.

Three queries, whatever the number of photos of the year, and one more
when captions name people.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.dateformat import format as date_format

from contests.models import Application, Contest
from contests.models.applications import PERSON_NAME, RESIDENT, names_a_person
from events.models import Event, EventPhoto

from .aggregates import Report, normalise
from .formatting import count, place

Key = Contest.ReportKey
# The section that tells of a contest (reports/text.py), when not «contests»,
# and the figure whose text its winners follow.
CONTEST_SECTIONS = {Key.BEST_CENTER: "centers"}
CONTEST_FIGURES = {Key.BEST_PRACTICE: 7, Key.BEAUTIFUL_YARD: 10, Key.BEST_COMMITTEE: 11,
                   Key.SNOW: 12, Key.SPARTAKIAD: 13, Key.BEST_CENTER: 20}
# A contest's gallery prints at most this many winners, first places first.
WINNERS_PER_CONTEST = 6
# A gallery of highlights prints at most this many, the best attended.
HIGHLIGHTS_PER_SECTION = 6
GALLERY_ROW = 3  # photos to a row (static/reports/booklet.css)


@dataclass
class BookletPhoto:
    photo: EventPhoto
    title: str  # who or what is shown, in bold
    caption: str  # the line under it, in the city's words

    @property
    def image(self):
        return self.photo.image


@dataclass
class Gallery:
    key: str
    title: str
    photos: list[BookletPhoto] = field(default_factory=list)
    # The figure (docs/design.md) whose text it follows; None: the section's end.
    after_figure: int | None = None
    items: list = field(default_factory=list)  # what the template prints


def printable_photos(year: int, territory=None):
    """The photos the booklet may print: the approved photos of the year's
    events, in the order staff gave them, then by date."""
    photos = EventPhoto.objects.filter(
        event__date__year=year, booklet_state=EventPhoto.Booklet.APPROVED
    ).exclude(image="")
    if territory is not None:
        photos = photos.filter(event__territory=territory)
    return photos.select_related(
        "event__committee", "event__tos_body", "event__center"
    ).order_by("booklet_order", "event__date", "event_id", "pk")


def published_captions(photos) -> None:
    """Set each photo's `published_caption`: its approved caption, where a
    person is named only with a publication consent standing, «житель»
    otherwise (152-ФЗ, art. 10.1). A name is found and judged as in the
    contests' results: a person's name by `names_a_person`, a consent of an
    activist of the event's territory by `Application.mark_for_publication`
    (one query for every caption; none when no caption names anyone)."""
    found = []
    for photo in photos:
        photo.published_caption = photo.booklet_caption.strip()
        for match in PERSON_NAME.finditer(photo.published_caption):
            if names_a_person(match.group()):
                named = Application(applicant_kind=Application.ApplicantKind.PERSON,
                                    applicant_name=match.group(),
                                    territory_id=photo.event.territory_id)
                found.append((photo, match, named))
    Application.mark_for_publication([named for _, _, named in found])
    # From the end of each caption, so that earlier spans keep their places.
    for photo, match, named in reversed(found):
        if named.applicant == RESIDENT:
            text = photo.published_caption
            photo.published_caption = text[:match.start()] + RESIDENT + text[match.end():]


def _first_per_event(photos) -> dict[int, EventPhoto]:
    chosen: dict[int, EventPhoto] = {}
    for photo in photos:
        chosen.setdefault(photo.event_id, photo)
    return chosen


def _own_caption(photo: EventPhoto) -> str:
    """The approved caption as published (published_captions), unless it
    only repeats the event's title."""
    caption = getattr(photo, "published_caption", None)
    if caption is None:
        published_captions([photo])
        caption = photo.published_caption
    return "" if not caption or caption.startswith(photo.event.title) else caption


def _event_caption(photo: EventPhoto) -> str:
    event = photo.event
    parts = [f"{event.date.day} {_month(event.date)}"]
    if not event.by_city:
        parts.append(str(event.organiser))
    if event.participants:
        parts.append(count(event.participants, "участник", "участника", "участников"))
    own = _own_caption(photo)
    return " · ".join(parts) + (f". {own}" if own else "")


def _month(day) -> str:
    return date_format(day, "E")  # the month's name in the genitive


def _section_of_event(event: Event) -> str:
    if event.by_city:
        return "media"
    return "centers" if event.center_id else "tos"


def highlights(year: int, territory=None) -> dict[str, list[BookletPhoto]]:
    """The approved photos by section, one per event, the first by the
    staff's order and then the best attended `HIGHLIGHTS_PER_SECTION` of
    each section, in the staff's order and then their dates."""
    every = list(printable_photos(year, territory))
    published_captions(every)
    out: dict[str, list[EventPhoto]] = {}
    for photo in _first_per_event(every).values():
        out.setdefault(_section_of_event(photo.event), []).append(photo)
    chosen = {}
    for key, items in out.items():
        best = sorted(items, key=lambda p: (p.booklet_order, -p.event.participants))
        best = best[:HIGHLIGHTS_PER_SECTION]
        if len(best) < GALLERY_ROW:  # a section of one or two events: more of each
            events = {p.event_id for p in best}
            best += [p for p in every if p.event_id in events and p not in best]
            best = best[:GALLERY_ROW]
        best.sort(key=lambda p: (p.booklet_order, p.event.date, p.event_id, p.pk))
        chosen[key] = [BookletPhoto(p, p.event.title, _event_caption(p)) for p in best]
    return chosen


def _winner_key(app) -> tuple[str, int] | None:
    if app.tos_body_id:
        return ("tos_body", app.tos_body_id)
    if app.center_id:
        return ("center", app.center_id)
    if app.committee_id:
        return ("committee", app.committee_id)
    return None  # a person or a team


def _event_keys(event: Event) -> list[tuple[str, int]]:
    keys = []
    if event.tos_body_id:
        keys.append(("tos_body", event.tos_body_id))
    if event.center_id:
        keys.append(("center", event.center_id))
    if event.committee_id and not event.tos_body_id:
        keys.append(("committee", event.committee_id))
    return keys


def winners(report: Report, taken: set[int]) -> dict[str, list[Gallery]]:
    """Per section, a gallery per contest: its results whose winner has a
    photo of the year, each winner once, with its place and nomination."""
    wanted = {}
    for item in report.contests["editions"]:
        for result in item.results:
            key = _winner_key(result.application)
            if key is not None:
                wanted.setdefault(key, None)
    if not wanted:
        return {}
    where = Q()
    for name in ("tos_body", "center", "committee"):
        ids = [pk for kind, pk in wanted if kind == name]
        if ids:
            where |= Q(**{f"event__{name}_id__in": ids})
    photos = list(printable_photos(report.year, report.territory).filter(where))
    published_captions(photos)
    # The staff's order first, then the best attended event: the winner's
    # best day.
    by_winner: dict[tuple, EventPhoto] = {}
    for photo in sorted(photos, key=lambda p: (p.booklet_order, -p.event.participants,
                                               p.event.date, p.pk)):
        if photo.pk in taken:
            continue
        for key in _event_keys(photo.event):
            by_winner.setdefault(key, photo)
    out: dict[str, list[Gallery]] = {}
    for item in report.contests["editions"]:
        gallery = Gallery(f"winners-{item.edition.pk}",
                          f"Победители конкурса «{item.contest.name}»",
                          after_figure=CONTEST_FIGURES.get(item.key))
        ranked = sorted(item.results, key=lambda r: r.place or WINNERS_PER_CONTEST * 10)
        for result in ranked:
            if len(gallery.photos) == WINNERS_PER_CONTEST:
                break
            app = result.application
            photo = by_winner.get(_winner_key(app))
            if photo is None or photo.pk in taken:
                continue
            taken.add(photo.pk)
            nomination = f", номинация «{app.nomination.name}»" if app.nomination_id else ""
            own = _own_caption(photo)
            gallery.photos.append(BookletPhoto(photo, winner_name(result),
                                               f"{place(result)}{nomination}"
                                               + (f". {own}" if own else "")))
        if gallery.photos:
            out.setdefault(CONTEST_SECTIONS.get(item.key, "contests"), []).append(gallery)
    return out


def winner_name(result) -> str:
    """The winner as the booklet names it (as reports/tables.py does)."""
    app = result.application
    if app.center_id:
        return f"ЦРН «{app.center.name}»"
    return str(app.applicant)


def projects(report: Report, taken: set[int]) -> Gallery | None:
    """The projects built in the year, each with a photo of an event held
    at its address that year."""
    init = report.initiative
    if init is None or not init.built_this_year:
        return None
    where = Q()
    for project in init.built_this_year:
        where |= Q(event__place__icontains=project.address)
    photos = list(printable_photos(report.year, report.territory).filter(where))
    gallery = Gallery("projects", f"Инициативные проекты {report.year} года", after_figure=8)
    for project in init.built_this_year:
        address = normalise(project.address)
        photo = next((p for p in photos if p.pk not in taken
                      and address in normalise(p.event.place)), None)
        if photo is None:
            continue
        taken.add(photo.pk)
        gallery.photos.append(BookletPhoto(
            photo, project.title, f"{project.address}, {project.territory}. "
            f"Построено в {report.year} году по программе «{init.program.name}»"))
    return gallery if gallery.photos else None


def section_photos(report: Report) -> dict[str, list[Gallery]]:
    """What the booklet prints, by section key: the galleries of each."""
    taken: set[int] = set()
    out: dict[str, list[Gallery]] = {}
    project_gallery = projects(report, taken)
    for key, galleries in winners(report, taken).items():
        out.setdefault(key, []).extend(galleries)
    if project_gallery:
        out.setdefault("contests", []).insert(0, project_gallery)
    titles = {"tos": "Яркие моменты года", "centers": "Яркие моменты года в центрах",
              "media": "Слет общественности"}
    for key, photos in highlights(report.year, report.territory).items():
        photos = [p for p in photos if p.photo.pk not in taken]
        if photos:
            out.setdefault(key, []).insert(0, Gallery(f"highlights-{key}", titles[key], photos))
    return out
