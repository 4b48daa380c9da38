"""Every portal page that opens one row by its id refuses another
committee's or center's row with a 404 and leaves a «refused» entry in
the access log (portal/access.py::scoped_or_404; 152-ФЗ, issue 17)."""

import pytest
from django.urls import reverse

from accounts.models import AccessRecord
from tests.factories import (
    CenterEventFactory,
    ClubFactory,
    EventFactory,
    ReceptionFactory,
    RentalItemFactory,
)

pytestmark = pytest.mark.django_db

PAGES = [
    ("chair", "portal:event_edit", EventFactory, "events.event"),
    ("chair", "portal:event_delete", EventFactory, "events.event"),
    ("center", "portal:event_edit", CenterEventFactory, "events.event"),
    ("center", "portal:center_reception_edit", ReceptionFactory, "centers.reception"),
    ("center", "portal:center_club_edit", ClubFactory, "centers.club"),
    ("center", "portal:center_club_close", ClubFactory, "centers.club"),
    ("center", "portal:center_rental_edit", RentalItemFactory, "centers.rentalitem"),
]


@pytest.mark.parametrize(("role", "name", "factory", "label"), PAGES,
                         ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_another_organisers_row_is_refused_and_logged(
    client, chair, center_staff, role, name, factory, label
):
    user = {"chair": chair, "center": center_staff}[role]
    foreign = factory()  # of a committee or center of its own
    client.force_login(user)

    response = client.get(reverse(name, args=[foreign.pk]))

    assert response.status_code == 404
    entry = AccessRecord.objects.get()
    assert (entry.action, entry.model, entry.object_ids, entry.username) == (
        "refused", label, [str(foreign.pk)], user.username
    )


def test_a_row_that_does_not_exist_is_a_plain_404(client, chair):
    client.force_login(chair)
    assert client.get(reverse("portal:event_edit", args=[999999])).status_code == 404
    assert not AccessRecord.objects.exists()
