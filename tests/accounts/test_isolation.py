"""A chair sees and touches only their own committee's records."""

import csv
import io

import pytest
from django.contrib import admin
from django.urls import reverse

from committees.models import Activist, DistrictCommittee, TosBody
from events.models import Event
from tests import factories as f

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label_lower)


def url(obj, action, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def export_csv(client, model, **params):
    """Export a model's list as CSV through the admin's export form."""
    opts = model._meta
    export_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
    form = client.get(export_url, params).context["form"]
    formats = admin.site._registry[model].get_export_formats()
    data = {name: field.initial for name, field in form.fields.items()
            if field.initial is not None}
    data["format"] = next(i for i, fmt in enumerate(formats) if fmt().get_title() == "csv")
    data["resource"] = 0
    response = client.post(export_url + ("?" + "&".join(f"{k}={v}" for k, v in params.items())
                                         if params else ""), data)
    assert response.status_code == 200, response.content[:500]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", ["chair", "center", "viewer"])
def test_lists_show_no_row_of_another_scope(client_for, world, role):
    client = client_for(role)
    for model in REGISTERED:
        response = client.get(url(model, "changelist"))
        if response.status_code == 403:
            continue
        page = response.content.decode()
        for obj in filter(None, [world.foreign(role, model)]):
            assert url(obj, "change", obj.pk) not in page, (role, model, obj)
        own = world.own(role, model)
        if own is not None:
            assert url(own, "change", own.pk) in page, (role, model, own)


@pytest.mark.parametrize("role", ["chair", "center", "viewer"])
def test_another_scopes_object_urls_are_not_found(client_for, world, role):
    client = client_for(role)
    for model in REGISTERED:
        obj = world.foreign(role, model)
        if obj is None:
            continue
        assert client.get(url(obj, "change", obj.pk)).status_code in (403, 404), model
        assert client.get(url(obj, "delete", obj.pk)).status_code in (403, 404), model
        assert client.get(url(obj, "history", obj.pk)).status_code in (403, 404), model
        if hasattr(obj, "history"):
            version = obj.history.first().history_id
            response = client.get(url(obj, "simple_history", obj.pk, version))
            assert response.status_code in (403, 404), model


def test_chair_gets_404_not_a_redirect_for_another_committees_event(client_for, world):
    theirs = world.foreign("chair", Event)
    response = client_for("chair").get(url(theirs, "change", theirs.pk))
    assert response.status_code == 404


def test_chair_export_holds_only_their_bodies(client_for, world):
    rows = export_csv(client_for("chair"), TosBody)
    text = "\n".join(",".join(row) for row in rows)
    assert "Двор A" in text
    assert "Двор B" not in text
    assert len(rows) == 2  # header and the one body of committee A


def test_chair_autocomplete_offers_only_their_bodies(client_for, world):
    response = client_for("chair").get(reverse("admin:autocomplete"), {
        "app_label": "events", "model_name": "event", "field_name": "tos_body", "term": "",
    })
    names = [item["text"] for item in response.json()["results"]]
    assert names == ["ТОС «Двор A»"]


def test_chair_event_form_offers_only_their_committee_and_no_center_fields(
    client_for, world
):
    response = client_for("chair").get(url(Event, "add"))
    form = response.context["adminform"].form
    assert list(form.fields["committee"].queryset) == [world.committee]
    assert list(form.fields["tos_body"].queryset) == list(
        TosBody.objects.filter(committee=world.committee)
    )
    assert form.initial["committee"] == world.committee.pk
    for hidden in ("center", "by_city", "is_at_risk"):
        assert hidden not in form.fields
    page = response.content.decode()
    assert "группы риска" not in page


def test_center_event_form_has_no_committee_fields(client_for, world):
    response = client_for("center").get(url(Event, "add"))
    form = response.context["adminform"].form
    assert "committee" not in form.fields and "tos_body" not in form.fields
    assert form.initial["center"] == world.center.pk


def event_post_data(event, **changes):
    data = {
        "date": event.date.isoformat(), "title": event.title, "kind": event.kind,
        "participants": event.participants, "committee": event.committee_id or "",
        "tos_body": event.tos_body_id or "", "campaign": event.campaign_id or "",
        "place": "", "description": "",
        "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0, "photos-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def test_chair_adds_an_event_for_their_body(client_for, world):
    body = TosBody.objects.get(committee=world.committee)
    template = Event(date=world.any(Event).date, title="Субботник во дворе",
                     kind=Event.Kind.CLEANUP, participants=12, tos_body=body)
    response = client_for("chair").post(url(Event, "add"), event_post_data(template))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(title="Субботник во дворе")
    assert event.committee == world.committee
    assert event.history.first().history_user.username == "chair_a"


def test_chair_cannot_move_their_event_to_another_committee(client_for, world):
    event = world.own("chair", Event)
    other = DistrictCommittee.objects.exclude(pk=world.committee.pk).get()
    response = client_for("chair").post(
        url(event, "change", event.pk),
        event_post_data(event, committee=other.pk, tos_body=""),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "committee" in errors
    assert "Выберите корректный вариант" in str(errors)
    event.refresh_from_db()
    assert event.committee == world.committee


def test_chair_cannot_put_an_event_outside_their_committee_by_leaving_it_blank(
    client_for, world
):
    event = world.own("chair", Event)
    response = client_for("chair").post(
        url(event, "change", event.pk),
        event_post_data(event, committee="", tos_body=""),
    )
    assert response.status_code == 200
    assert "организатор" in str(response.context["adminform"].form.errors)


def test_chair_cannot_move_an_activist_to_another_committees_body(client_for, world):
    activist = world.own("chair", Activist)
    theirs = TosBody.objects.exclude(committee=world.committee).get()
    data = {
        "tos_body": theirs.pk, "full_name": activist.full_name, "role": activist.role,
        "phone": activist.phone, "email": activist.email, "founded": "2015-01-01",
        "consent_date": "2022-01-10", "consent_form": "written",
    }
    response = client_for("chair").post(url(activist, "change", activist.pk), data)
    assert response.status_code == 200
    assert "tos_body" in response.context["adminform"].form.errors
    activist.refresh_from_db()
    assert activist.tos_body.committee == world.committee


def test_form_refuses_a_record_that_would_leave_the_scope(rf, world):
    """The scope check of the admin form itself, for a body no choice list
    would have stopped (a TOS body moved to a committee by a later rule)."""
    from core.admin_base import OUT_OF_SCOPE

    model_admin = admin.site._registry[Event]
    request = rf.get("/")
    request.user = world.users["chair"]
    form_class = model_admin.get_form(request, None, change=False)
    theirs = f.EventFactory.build(committee=DistrictCommittee.objects.exclude(
        pk=world.committee.pk).get())
    form = form_class(data=event_post_data(theirs, committee=world.committee.pk))
    # Swap the committee under the form after its choices were checked.
    form.fields["committee"].queryset = DistrictCommittee.objects.all()
    form.data = {**form.data, "committee": theirs.committee_id}
    assert not form.is_valid()
    assert OUT_OF_SCOPE in form.non_field_errors()
