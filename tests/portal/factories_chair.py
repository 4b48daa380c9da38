"""Factories of the chair's tests: an edition open for applications today,
a consent."""

import datetime

import factory
from django.utils import timezone

from committees.models import Consent
from tests.factories import ActivistFactory, EditionFactory


def open_edition(**fields):
    """A TOS contest's edition taking applications today."""
    today = timezone.localdate()
    return EditionFactory(
        contest__audience="tos",
        year=today.year,
        applications_open=today - datetime.timedelta(days=30),
        applications_close=today + datetime.timedelta(days=30),
        **fields,
    )


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    activist = factory.SubFactory(ActivistFactory)
    purpose = Consent.Purpose.PARTICIPATION
    given = datetime.date(2022, 1, 10)
    form = Consent.Form.WRITTEN
