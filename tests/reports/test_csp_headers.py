"""Every page is sent with a strict Content-Security-Policy and a
Permissions-Policy, and no template carries code that policy would refuse."""

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import (
    EditionFactory,
    EventFactory,
    EventPhotoFactory,
    ResultFactory,
    UserFactory,
)
from tests.portal.helpers import make_chair

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict(response, url):
    assert response.status_code == 200, url
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"], url
    assert policy["script-src"] == ["'self'"], url
    assert policy["style-src"] == ["'self'"], url
    assert policy["object-src"] == ["'none'"], url
    assert policy["base-uri"] == ["'self'"], url
    assert policy["frame-ancestors"] == ["'none'"], url
    assert policy["form-action"] == ["'self'"], url
    assert policy["img-src"] == ["'self'"], url
    # Style attributes: only the admin's photo preview, by its hash.
    attr = policy.get("style-src-attr", [])
    assert all(v == "'unsafe-hashes'" or v.startswith("'sha256-") for v in attr), url
    for values in policy.values():
        assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, url
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions, url


def test_every_kind_of_page_carries_the_policies(client):
    chair = make_chair()
    event = EventFactory(committee=chair.profile.committee, date=datetime.date(2022, 5, 1))
    EventPhotoFactory(event=event)
    edition = EditionFactory(year=2022)
    ResultFactory(application__edition=edition)

    for url in (reverse("admin:login"), reverse("portal:login")):
        assert_strict(client.get(url), url)

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in (
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("reports:page", args=[2022]),
        reverse("contests:edition_results", args=[edition.pk]),
    ):
        assert_strict(client.get(url), url)

    client.force_login(chair)
    for url in (reverse("portal:home"), reverse("portal:event_add")):
        assert_strict(client.get(url), url)


def test_the_photo_preview_style_is_the_one_the_policy_hashes(client):
    """The admin writes this style attribute (events/admin.py); the policy
    allows exactly it, by its hash, and no other."""
    import base64
    import hashlib

    photo = EventPhotoFactory(event=EventFactory(date=datetime.date(2022, 5, 1)))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:events_event_change", args=[photo.event.pk]))
    html = response.content.decode()
    styles = set(re.findall(r'\sstyle="([^"]*)"', html))
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in styles
    }
    allowed = set(directives(response.headers["Content-Security-Policy"])["style-src-attr"])
    assert styles and hashes <= allowed


def img_src_with(**environ):
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kemerovo_tos.settings",
           "DJANGO_SECRET_KEY": "x", **environ}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_photos_in_a_bucket_are_shown_from_the_bucket_alone():
    assert img_src_with(
        DJANGO_S3_BUCKET="tos-photos", DJANGO_S3_ENDPOINT_URL="https://storage.yandexcloud.net"
    ) == ["'self'", "https://storage.yandexcloud.net", "https://*.storage.yandexcloud.net"]
    assert img_src_with(DJANGO_S3_BUCKET="tos-photos", DJANGO_S3_ENDPOINT_URL="") == [
        "'self'", "https://amazonaws.com", "https://*.amazonaws.com"
    ]


# Templates a browser is served. The booklet's HTML goes only to WeasyPrint.
NOT_SERVED = {"reports/booklet.html"}
INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
     "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style[\s>]", re.I), "a <style> element"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"\|\s*safe\b"), "|safe (mark text safe in Python, after cleaning it)"),
]


def served_templates():
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    dirs += sorted(ROOT.glob("*/templates"))
    for folder in dirs:
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            if name not in NOT_SERVED:
                yield pytest.param(path, id=name)


# Copies of a library's template keep its own, known uses.
ALLOWED = {
    # import-export's form field help text, shown as the library shows it.
    ("admin/import_export/export.html", "{{ field.field.help_text|safe }}"),
}


@pytest.mark.parametrize("path", list(served_templates()))
def test_templates_carry_no_inline_code(path, request):
    name = request.node.callspec.id
    text = re.sub(r"{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S)
    for allowed_name, snippet in ALLOWED:
        if allowed_name == name:
            text = text.replace(snippet, "")
    for pattern, what in INLINE_CODE:
        match = pattern.search(text)
        assert not match, f"{name}: {what}: {match and match.group(0)}"
