"""Accessibility basics checked without a browser: every page is Russian,
every field has a label, every image a text, and the palette's pairs of
text and background meet WCAG AA contrast. The browser tests add axe-core
(shipped inside the PyPI package axe-playwright-python) on top."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import EventFactory, EventPhotoFactory

from .helpers import make_city_staff

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "static" / "portal" / "portal.css"


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.lang = None
        self.labels = set()
        self.controls = []
        self.images = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs)
        elif tag == "img":
            self.images.append(attrs)


def pages(client, chair):
    photo = EventPhotoFactory(event=EventFactory(committee=chair.profile.committee))
    client.force_login(chair)
    for url in (
        reverse("portal:home"),
        reverse("portal:event_list"),
        reverse("portal:event_add"),
        reverse("portal:event_edit", args=[photo.event.pk]),
        reverse("portal:application_add"),
    ):
        yield url, client.get(url)
    client.force_login(make_city_staff())
    yield "board", client.get(reverse("portal:board"))
    client.logout()
    yield "login", client.get(reverse("portal:login"))


def test_pages_are_russian_labelled_and_images_have_text(client, chair):
    for url, response in pages(client, chair):
        assert response.status_code == 200, url
        page = Page(response.content.decode())
        assert page.lang == "ru", url
        for control in page.controls:
            assert control.get("id") in page.labels, f"{url}: no label for {control}"
        for image in page.images:
            assert image.get("alt"), f"{url}: image without alt {image}"


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Text colour on background colour, as the stylesheet pairs them.
PAIRS = [
    ("--ink", "--bg"),
    ("--ink", "--card"),
    ("--muted", "--bg"),
    ("--muted", "--card"),
    ("--brand", "--bg"),
    ("--brand", "--card"),
    ("#ffffff", "--brand"),
    ("#ffffff", "--brand-dark"),
    ("--up", "--card"),
    ("--down", "--card"),
    ("--missing-ink", "--missing-bg"),
]


def test_palette_meets_wcag_aa_contrast():
    palette = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))
    for fg, bg in PAIRS:
        ratio = contrast(palette.get(fg, fg), palette.get(bg, bg))
        assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


STATIC = CSS.parents[1]


def rule_colour(stylesheet, selector):
    """The text colour a stylesheet gives `selector`, as #rrggbb."""
    text = (STATIC / stylesheet).read_text()
    block = re.search(rf"(?m)^\s*{re.escape(selector)}\s*\{{([^}}]*)\}}", text)
    assert block, f"{stylesheet}: no rule for {selector}"
    colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b", block.group(1)).group(1)
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


# Muted text on the report's and the contest results' white cards.
MUTED_ON_WHITE = [
    ("reports/report.css", "table.figures td.no"),
    ("reports/report.css", ".note"),
    ("contests/results.css", "footer"),
    ("contests/results.css", ".org"),
    ("contests/results.css", "td.stage"),
    ("contests/results.css", "tr.first td.place"),
]


def test_muted_text_of_the_report_and_the_results_meets_wcag_aa_contrast():
    for stylesheet, selector in MUTED_ON_WHITE:
        ratio = contrast(rule_colour(stylesheet, selector), "#ffffff")
        assert ratio >= 4.5, f"{stylesheet} {selector}: {ratio:.2f}"
