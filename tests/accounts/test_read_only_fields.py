"""Fields a role may see but not set (core.scoping.ROLE_READ_ONLY_FIELDS):
a chair cannot move their own application to the federal stage or into
another territory through the admin form (pen test, issue 14 item 3)."""

from django.urls import reverse

from committees.models import Territory
from contests.models import Application


def application_post_data(application, **changes):
    data = {
        "edition": application.edition_id,
        "nomination": application.nomination_id or "",
        "applicant_kind": application.applicant_kind,
        "tos_body": application.tos_body_id or "",
        "committee": application.committee_id or "",
        "applicant_name": application.applicant_name,
        "address": application.address,
        "participants": application.participants,
        "submitted": application.submitted.isoformat(),
    }
    data.update(changes)
    return data


def own_application(world):
    return next(
        a for t, a in world.objects["contests.application"]
        if t == "A" and a.committee_id == world.committee.pk
    )


def test_chair_cannot_set_stage_or_territory_of_own_application(client_for, world):
    application = own_application(world)
    stage, territory = application.stage, application.territory_id
    other = Territory.objects.exclude(pk=territory).first()
    url = reverse("admin:contests_application_change", args=[application.pk])
    client = client_for("chair")
    form = client.get(url).context["adminform"].form
    assert "stage" not in form.fields and "territory" not in form.fields
    response = client.post(
        url, application_post_data(application, stage="federal", territory=other.pk,
                                   participants=7)
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.participants == 7  # the chair's own field was saved
    assert (application.stage, application.territory_id) == (stage, territory)


def test_chair_adds_an_application_at_the_contests_first_stage(client_for, world):
    template = own_application(world)
    client = client_for("chair")
    response = client.post(
        reverse("admin:contests_application_add"),
        application_post_data(template, stage="federal", address="ул. Новая, 1",
                              territory=Territory.objects.exclude(
                                  pk=world.territory.pk).first().pk),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Application.objects.get(address="ул. Новая, 1")
    assert created.stage == template.edition.contest.first_stage
    assert created.territory_id == world.committee.territory_id


def test_staff_still_sets_the_stage(client_for, world):
    application = own_application(world)
    url = reverse("admin:contests_application_change", args=[application.pk])
    response = client_for("staff").post(
        url, application_post_data(application, stage="city",
                                   territory=application.territory_id)
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "city"


APPLICATION_HEADERS = ["Конкурс", "Год", "Заявитель", "Окружной комитет", "Орган ТОС",
                       "Достигнутый этап",
                       "Дата подачи", "Адрес объекта"]


def import_applications(user, stage, address):
    from core.imports.engine import run_import
    from core.imports.files import read_table
    from core.imports.registry import get_kind
    from tests.imports.books import xlsx

    def import_row(world, template):
        body = template.tos_body
        row = [template.edition.contest.name, template.edition.year, "Орган ТОС",
               body.committee.number, body.name or body.address, stage, "01.06.2022", address]
        return run_import(get_kind("applications"),
                          read_table(xlsx(APPLICATION_HEADERS, [row])), user=user)
    return import_row


def test_chair_import_cannot_set_the_stage(world):
    template = own_application(world)
    chair = world.users["chair"]
    outcome = import_applications(chair, "Федеральный этап", "ул. Импортная, 1")(world, template)
    problems = [str(p) for p in outcome.problems]
    assert len(problems) == 1, problems
    assert "«Достигнутый этап»" in problems[0]
    assert "заполняют сотрудники администрации" in problems[0]
    assert not Application.objects.filter(address="ул. Импортная, 1").exists()
    stage_label = dict(Application.Stage.choices)[template.edition.contest.first_stage]
    outcome = import_applications(chair, stage_label, "ул. Импортная, 2")(world, template)
    assert outcome.problems == []
    assert Application.objects.get(address="ул. Импортная, 2").stage == (
        template.edition.contest.first_stage)
