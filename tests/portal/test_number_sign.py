"""«№» keeps its number on the same line on the portal's pages: «Окружной
комитет ТОС №» / «1» no longer breaks across lines in a phone's heading,
and «Мои заявки» writes «№ 1417», with a no-break space."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import ApplicationFactory, CommitteeFactory, TosBodyFactory
from tests.portal.helpers import make_chair

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_the_filter_joins_the_sign_to_its_number_and_escapes():
    html = Template("{% load typography %}{{ name|no_break_number }}").render(
        Context({"name": "Комитет <b>№ 1</b> и №2"})
    )
    assert html == "Комитет &lt;b&gt;№&nbsp;1&lt;/b&gt; и №&nbsp;2"


def test_the_chairs_heading_keeps_the_number_with_its_sign(client):
    chair = make_chair(CommitteeFactory(name="Окружной комитет ТОС № 1"))
    client.force_login(chair)
    page = client.get(reverse("portal:home")).content.decode()
    assert '<h1 class="org">Окружной комитет ТОС №&nbsp;1</h1>' in page
    for name in ("portal:activist_list", "portal:body_list", "portal:return_latest"):
        page = client.get(reverse(name), follow=True).content.decode()
        assert "ТОС №&nbsp;1" in page and "ТОС № 1" not in page


def test_my_applications_number_has_a_no_break_space(client):
    chair = make_chair()
    application = ApplicationFactory(tos_body=TosBodyFactory(committee=chair.profile.committee))
    client.force_login(chair)
    page = client.get(reverse("portal:my_applications")).content.decode()
    assert f"№&nbsp;{application.pk} от" in page
    assert f"№{application.pk}" not in page
