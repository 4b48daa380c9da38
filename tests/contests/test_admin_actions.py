"""The jury's bulk actions on applications, and the contests' changelists."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from contests import services
from contests.models import Application, Result
from tests.factories import (
    ApplicationFactory,
    CommitteeFactory,
    EditionFactory,
    NominationFactory,
    ResultFactory,
    TosBodyFactory,
)

pytestmark = pytest.mark.django_db

Stage = Application.Stage
CHANGELIST = reverse("admin:contests_application_changelist")


def act(client, action, applications, **extra):
    data = {"action": action, "_selected_action": [a.pk for a in applications], **extra}
    return client.post(CHANGELIST, data, follow=True)


def page_messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def chair(client):
    committee = CommitteeFactory()
    user, _ = create_user_for(username="chair", role=Profile.Role.CHAIR, committee=committee,
                              password="Kemerovo-test-2022")
    client.force_login(user)
    return user


def test_advance_moves_district_to_city_and_regional_to_federal(admin_client):
    yard = ApplicationFactory(stage=Stage.DISTRICT)
    practice = ApplicationFactory(stage=Stage.REGIONAL)
    response = act(admin_client, "advance_stage", [yard, practice])
    assert "Переведено на следующий этап" in " ".join(page_messages(response))
    yard.refresh_from_db()
    practice.refresh_from_db()
    assert (yard.stage, practice.stage) == (Stage.CITY, Stage.FEDERAL)


def test_advance_changes_nothing_when_one_application_has_no_next_stage(admin_client):
    waiting = ApplicationFactory(stage=Stage.DISTRICT)
    done = ApplicationFactory(stage=Stage.CITY)
    response = act(admin_client, "advance_stage", [waiting, done])
    text = " ".join(page_messages(response))
    assert f"Заявка №{done.pk}: уже на этапе «Городской этап»" in text
    assert "Ничего не изменено" in text
    waiting.refresh_from_db()
    assert waiting.stage == Stage.DISTRICT


def test_record_result_asks_for_place_and_prize_first(admin_client):
    application = ApplicationFactory()
    response = act(admin_client, "record_result", [application])
    html = response.content.decode()
    assert "Записать итог" in html and "Специальный приз" in html
    assert not Result.objects.exists()


def test_record_result_writes_place_at_the_reached_stage(admin_client):
    first, second = ApplicationFactory.create_batch(2, stage=Stage.CITY)
    response = act(admin_client, "record_result", [first, second],
                   apply="1", place="2", prize="за оригинальность")
    assert "Итог записан: 2." in page_messages(response)
    results = Result.objects.order_by("application_id")
    assert [(r.application, r.place, r.prize, r.stage) for r in results] == [
        (first, 2, "за оригинальность", Stage.CITY),
        (second, 2, "за оригинальность", Stage.CITY),
    ]


def test_record_result_corrects_an_existing_result(admin_client):
    result = ResultFactory(place=3)
    act(admin_client, "record_result", [result.application], apply="1", place="1")
    result.refresh_from_db()
    assert result.place == 1
    assert Result.objects.count() == 1


@pytest.mark.parametrize(
    ("place", "prize", "message"),
    [("0", "", "Место должно быть не меньше 1."), ("", "", "Укажите место или специальный приз.")],
)
def test_record_result_refuses_bad_input_and_saves_nothing(admin_client, place, prize, message):
    applications = ApplicationFactory.create_batch(2)
    response = act(admin_client, "record_result", applications,
                   apply="1", place=place, prize=prize)
    text = " ".join(page_messages(response))
    numbers = ", ".join(f"№{a.pk}" for a in sorted(applications, key=lambda a: a.pk))
    assert f"Итог не записан. Заявки {numbers}: {message}" in text
    assert text.count(message) == 1
    assert not Result.objects.exists()


def test_chair_sees_own_applications_without_jury_actions(client, chair):
    own = ApplicationFactory(tos_body=TosBodyFactory(committee=chair.profile.committee))
    other = ApplicationFactory()
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown == [own] and other not in shown
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "advance_stage" not in actions and "record_result" not in actions


def test_chair_cannot_advance_or_record_even_through_the_services(client, chair):
    own = ApplicationFactory(tos_body=TosBodyFactory(committee=chair.profile.committee))
    act(client, "advance_stage", [own])
    own.refresh_from_db()
    assert own.stage == Stage.DISTRICT
    with pytest.raises(PermissionDenied, match="только сотрудники администрации"):
        services.advance_applications(user=chair, applications=[own])
    with pytest.raises(PermissionDenied, match="только сотрудники администрации"):
        services.record_results(user=chair, applications=[own], place=1)
    assert not Result.objects.exists()


def test_services_refuse_applications_outside_the_users_scope(db):
    committee = CommitteeFactory()
    # A staff-role account scoped as staff sees all; a viewer sees one
    # territory and may not act at all.
    viewer, _ = create_user_for(username="viewer", role=Profile.Role.VIEWER,
                                territory=committee.territory)
    application = ApplicationFactory()
    with pytest.raises(PermissionDenied):
        services.advance_applications(user=viewer, applications=[application])


def test_edition_page_has_nominations_outcomes_and_results_link(admin_client):
    edition = EditionFactory()
    NominationFactory(edition=edition, name="Подъезд мечты", category="I")
    response = admin_client.get(reverse("admin:contests_contestedition_change", args=[edition.pk]))
    html = response.content.decode()
    assert "Подъезд мечты" in html
    assert "итоговые показатели" in html.lower()
    assert reverse("contests:edition_results", args=[edition.pk]) in html


def test_applications_filter_by_edition_then_nomination(admin_client):
    nomination = NominationFactory(name="Щегловский двор")
    inside = ApplicationFactory(edition=nomination.edition, nomination=nomination)
    ApplicationFactory(edition=nomination.edition)
    ApplicationFactory()
    response = admin_client.get(CHANGELIST, {"edition": nomination.edition.pk,
                                             "nomination": nomination.pk})
    assert list(response.context["cl"].result_list) == [inside]
    assert "Щегловский двор" in response.content.decode()


CHANGELISTS = ["application", "result", "contestedition", "nomination", "initiativeproject"]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries,
                                                  model):
    from tests.factories import InitiativeProjectFactory, OutcomeFactory

    def add_rows(n):
        for _ in range(n):
            ResultFactory(application=ApplicationFactory(stage=Stage.CITY))
            OutcomeFactory()
            InitiativeProjectFactory()

    url = reverse(f"admin:contests_{model}_changelist")
    add_rows(2)
    admin_client.get(url)  # warm the session and caches
    # Session, user, the count, filter choices (up to three: editions or
    # programs, territories, years), the page with its rows' relations in
    # one join, and the session's save (savepoint, update, release).
    with django_assert_max_num_queries(11) as few:
        admin_client.get(url)
    add_rows(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url)
    assert response.status_code == 200
