"""The admin in correct Russian: counts, titles, buttons, confirmations and
messages with the noun in the case and number each phrase needs."""

import html
import json
import re

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from contests.models import Application
from core.grammar import NOUNS, known_noun, plural
from events.models import Event
from tests.factories import (
    ActivistFactory,
    ApplicationFactory,
    CommitteeFactory,
    EventFactory,
    TerritoryFactory,
    TosBodyFactory,
)


def test_every_model_of_the_admin_has_its_russian_forms():
    # A model registered later without an entry in core/grammar.py fails here.
    missing = []
    for model, model_admin in admin.site._registry.items():
        if known_noun(model) is None:
            missing.append(model._meta.label)
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            if known_noun(inline) is None:
                missing.append(f"{inline_class.__name__} ({inline.verbose_name})")
    assert not missing, f"add to core/grammar.py NOUNS or WORDS: {missing}"


def test_every_entry_names_a_model_that_exists():
    from django.apps import apps

    labels = {model._meta.label for model in apps.get_models()}
    assert set(NOUNS) - labels == set()


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, "мероприятий"),
        (1, "мероприятие"),
        (2, "мероприятия"),
        (4, "мероприятия"),
        (5, "мероприятий"),
        (11, "мероприятий"),
        (12, "мероприятий"),
        (14, "мероприятий"),
        (21, "мероприятие"),
        (22, "мероприятия"),
        (25, "мероприятий"),
        (101, "мероприятие"),
        (111, "мероприятий"),
        (112, "мероприятий"),
        (1002, "мероприятия"),
    ],
)
def test_a_number_takes_the_plural_form_russian_needs(n, form):
    assert plural(n, "мероприятие,мероприятия,мероприятий") == form
    assert plural(n, ("мероприятие", "мероприятия", "мероприятий")) == form


pytestmark_db = pytest.mark.django_db


@pytest.fixture
def staff_client(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = create_user_for(username="ivanova", role=Profile.Role.STAFF)
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


@pytestmark_db
@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, "0 активистов"),
        (1, "1 активист"),
        (3, "3 активиста"),
        (5, "5 активистов"),
    ],
)
def test_the_list_counts_its_rows_with_the_right_form(staff_client, count, shown):
    ActivistFactory.create_batch(count)
    page = text_of(staff_client.get(reverse("admin:committees_activist_changelist")))
    paginator = re.search(r'<p class="paginator">(.*?)</p>', page).group(1)
    assert shown in paginator
    assert "активисты" not in paginator


@pytestmark_db
def test_an_empty_events_list_says_zero_events(staff_client):
    page = text_of(staff_client.get(reverse("admin:events_event_changelist")))
    assert "0 мероприятий" in page and "0 мероприятия" not in page.replace("0 мероприятий", "")


@pytestmark_db
@pytest.mark.parametrize(
    ("url", "title", "button"),
    [
        (
            "admin:committees_activist_changelist",
            "Выберите активиста для изменения",
            "Добавить активиста",
        ),
        (
            "admin:contests_application_changelist",
            "Выберите заявку для изменения",
            "Добавить заявку",
        ),
        (
            "admin:events_event_changelist",
            "Выберите мероприятие для изменения",
            "Добавить мероприятие",
        ),
        (
            "admin:committees_territory_changelist",
            "Выберите территорию для изменения",
            "Добавить территорию",
        ),
    ],
)
def test_a_list_is_titled_and_offers_to_add_in_the_accusative(staff_client, url, title, button):
    page = text_of(staff_client.get(reverse(url)))
    assert f"<h1>{title}</h1>" in page
    assert f"<title>{title} |" in page
    assert f">{button}</a>" in page.replace("> ", ">").replace(" <", "<")


@pytestmark_db
def test_the_add_and_change_pages_name_the_record_in_the_accusative(staff_client):
    page = text_of(staff_client.get(reverse("admin:contests_application_add")))
    assert "<h1>Добавить заявку</h1>" in page and "Добавить заявка" not in page
    application = ApplicationFactory()
    page = text_of(
        staff_client.get(reverse("admin:contests_application_change", args=[application.pk]))
    )
    assert "<h1>Изменить заявку</h1>" in page
    activist = ActivistFactory()
    page = text_of(
        staff_client.get(reverse("admin:committees_activist_change", args=[activist.pk]))
    )
    assert "<h1>Изменить активиста</h1>" in page


@pytestmark_db
def test_the_inline_offers_to_add_one_more_photo(staff_client):
    event = EventFactory()
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    data = re.search(rb'id="photos-group"[^>]*data-inline-formset="([^"]*)"', page)
    options = json.loads(html.unescape(data.group(1).decode()))["options"]
    assert options["addText"] == "Добавить ещё один снимок"


@pytestmark_db
def test_deleting_one_record_asks_and_reports_in_russian(staff_client):
    application = ApplicationFactory()
    url = reverse("admin:contests_application_delete", args=[application.pk])
    page = text_of(staff_client.get(url))
    assert "<h1>Удалить заявку?</h1>" in page
    assert "Вы уверены, что хотите удалить заявку «" in page
    assert "Are you sure" not in page

    response = staff_client.post(url, {"post": "yes"}, follow=True)
    messages = [str(m) for m in get_messages(response.wsgi_request)] or [text_of(response)]
    assert any("успешно удалена." in m and m.startswith("Заявка «") for m in messages), messages
    assert not Application.objects.filter(pk=application.pk).exists()


@pytestmark_db
@pytest.mark.parametrize(
    ("count", "question", "done"),
    [
        (1, "удалить 1 мероприятие?", "Удалено 1 мероприятие."),
        (3, "удалить 3 мероприятия?", "Удалены 3 мероприятия."),
        (5, "удалить 5 мероприятий?", "Удалено 5 мероприятий."),
    ],
)
def test_the_delete_action_counts_in_russian(staff_client, count, question, done):
    committee = CommitteeFactory()
    events = EventFactory.create_batch(count, committee=committee)
    url = reverse("admin:events_event_changelist")
    form = {"action": "delete_selected", "_selected_action": [e.pk for e in events]}

    page = text_of(staff_client.post(url, form))
    assert f"Вы уверены, что хотите {question}" in page
    assert f"<h1>Удалить {question.split(' ', 1)[1]}</h1>" in page

    response = staff_client.post(url, {**form, "post": "yes"}, follow=True)
    assert done in text_of(response)
    assert "Успешно удалены" not in text_of(response)
    assert not Event.objects.exists()


@pytestmark_db
def test_the_delete_action_is_named_in_the_accusative_plural(staff_client):
    # More than a page (50), so that the list offers to select them all.
    ActivistFactory.create_batch(51, tos_body=TosBodyFactory())
    page = text_of(staff_client.get(reverse("admin:committees_activist_changelist")))
    assert "Удалить выбранных активистов" in page
    assert "Выбрать все: 51 активист<" in page
    assert "51 активист " in page


@pytestmark_db
def test_a_feminine_record_added_is_reported_as_added(rf, staff_client):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.utils.html import format_html
    from django.utils.translation import gettext

    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = admin.site._registry[Application]
    model_admin.message_user(
        request,
        format_html(
            gettext(
                "The {name} “{obj}” was added successfully. You may add another {name} below."
            ),
            name="заявка",
            obj=format_html('<a href="/x/">{}</a>', "Двор"),
        ),
    )
    [message] = [str(m) for m in request._messages]
    assert message == (
        'Заявка «<a href="/x/">Двор</a>» успешно добавлена. Ниже можно добавить ещё одну заявку.'
    )


@pytestmark_db
def test_logging_out_of_the_admin_says_you_left_and_offers_to_log_in(staff_client):
    page = text_of(staff_client.post(reverse("admin:logout")))
    assert "<h1>Вы вышли</h1>" in page and "<title>Вы вышли |" in page
    assert "Не авторизован" not in page
    assert f'href="{reverse("start")}"' in page and "Войти снова" in page


@pytestmark_db
def test_the_admin_index_links_the_board_and_titles_its_sections_apart(staff_client):
    page = text_of(staff_client.get(reverse("admin:index")))
    assert f'href="{reverse("portal:board")}"' in page
    captions = [
        re.sub(r"<[^>]+>", "", c).strip().lower()
        for c in re.findall(r"<caption>(.*?)</caption>", page)
    ]
    assert "годовой отчет: текст и план" in captions
    assert len(captions) == len(set(captions)), captions


@pytestmark_db
def test_a_chair_sees_no_board_link_on_the_admin_index():
    committee = CommitteeFactory(territory=TerritoryFactory())
    chair, _ = create_user_for(username="chair1", role=Profile.Role.CHAIR, committee=committee)
    client = Client()
    client.force_login(chair)
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("portal:board") not in page
