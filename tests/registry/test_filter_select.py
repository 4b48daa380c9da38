"""A foreign-key filter with many choices is a drop-down list that keeps
the other filters; with few it stays a column of links."""

import re

import pytest

from tests.factories import CommitteeFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_many_committees_are_a_drop_down_list_keeping_the_other_filters(admin_client):
    committees = CommitteeFactory.create_batch(25)
    EventFactory(committee=committees[3])
    page = admin_client.get("/admin/events/event/?kind__exact=cultural&q=двор").content.decode()
    form = re.search(r'<form method="get" class="tos-filter-select"[^>]*>.*?</form>', page, re.S)
    assert form, "the committee filter should be a drop-down list"
    form = form.group(0)
    assert '<select name="committee__id__exact"' in form
    assert form.count("<option") == 26  # «Все» and 25 committees
    assert f'<option value="{committees[3].pk}">{committees[3].name}</option>' in form
    assert '<input type="hidden" name="kind__exact" value="cultural">' in form
    assert '<input type="hidden" name="q" value="двор">' in form
    # no link per committee
    assert f"committee__id__exact={committees[3].pk}" not in page


def test_the_chosen_committee_is_selected_and_filters_the_list(admin_client):
    committees = CommitteeFactory.create_batch(25)
    EventFactory(committee=committees[0], title="Праздник первого")
    EventFactory(committee=committees[1], title="Праздник второго")
    page = admin_client.get(
        f"/admin/events/event/?committee__id__exact={committees[1].pk}").content.decode()
    assert f'<option value="{committees[1].pk}" selected>' in page
    assert "Праздник второго" in page and "Праздник первого" not in page


def test_few_committees_stay_links(admin_client):
    committee = CommitteeFactory()
    EventFactory(committee=committee)
    page = admin_client.get("/admin/events/event/").content.decode()
    assert '<select name="committee__id__exact"' not in page
    assert f"?committee__id__exact={committee.pk}" in page
