"""The report page inlines its charts' SVG: whatever a label holds, what
reaches the page is drawing only, with its text escaped."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.safestring import SafeString

from reports import charts
from tests.factories import (
    ApplicationFactory,
    CommitteeFactory,
    ContestFactory,
    EditionFactory,
    EventFactory,
    TerritoryFactory,
    UserFactory,
)

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> $x$ & «ТОС»'

EVIL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="10pt" height="10pt" viewBox="0 0 10 10" onload="alert(1)">
 <defs><style type="text/css">*{stroke-linejoin: round} body{background:url(https://evil.example/)}</style>
  <clipPath id="p1"><rect x="0" y="0" width="10" height="10"/></clipPath></defs>
 <script>alert(2)</script>
 <script xlink:href="https://evil.example/x.js"/>
 <foreignObject>
  <div xmlns="http://www.w3.org/1999/xhtml" onclick="alert(3)">x</div>
 </foreignObject>
 <a xlink:href="javascript:alert(4)"><text x="1" y="1">link</text></a>
 <g id="g1" onclick="alert(5)" clip-path="url(#p1)" style="fill: #123456; stroke: url(https://evil.example/s)">
  <use xlink:href="https://evil.example/sprite.svg#a"/>
  <use xlink:href="#g1" x="2"/>
  <image xlink:href="https://evil.example/x.png" width="1" height="1"/>
  <animate attributeName="href" to="javascript:alert(6)"/>
  <set attributeName="onmouseover" to="alert(7)"/>
  <path d="M 0 0 L 1 1" style="filter: url(https://evil.example/f); stroke-width: 0.8"/>
  <text x="1" y="5" style="font-size: 10px; text-anchor: middle"
   >&lt;script&gt;alert(8)&lt;/script&gt;</text>
 </g>
</svg>"""


def test_safe_svg_keeps_drawing_only():
    out = charts.safe_svg(EVIL_SVG, id_prefix="chart-test")
    assert isinstance(out, SafeString)
    lowered = out.lower()
    for gone in ("<script", "<foreignobject", "<a ", "<image", "<animate", "<set",
                 "<style", "javascript:", "evil.example", "alert(1)", "alert(2)",
                 "alert(3)", "alert(5)", "onclick", "onload", "style="):
        assert gone not in lowered, gone
    assert not re.search(r"\son\w+=", out)
    # What stays: the drawing, its own references renamed, the text escaped.
    assert 'id="chart-test-g1"' in out
    assert 'clip-path="url(#chart-test-p1)"' in out
    assert 'href="#chart-test-g1"' in out
    assert 'fill="#123456"' in out and 'stroke-width="0.8"' in out
    assert 'stroke-linejoin="round"' in out  # the <style> rule, inherited from the root
    assert "&lt;script&gt;alert(8)&lt;/script&gt;" in out
    assert out.startswith("<svg ") and 'xmlns="http://www.w3.org/2000/svg"' in out


def test_safe_svg_refuses_what_is_not_svg():
    with pytest.raises(ValueError):
        charts.safe_svg("<html><script>alert(1)</script></html>")
    with pytest.raises(Exception):  # noqa: B017 -- defusedxml refuses entities
        charts.safe_svg('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>')


@pytest.mark.django_db
def test_a_label_with_markup_reaches_the_page_escaped(client):
    """Territory and contest names are labels of the charts."""
    cache.clear()
    territory = TerritoryFactory(name=HOSTILE)
    EventFactory(committee=CommitteeFactory(territory=territory), date=datetime.date(2022, 5, 1))
    ApplicationFactory(edition=EditionFactory(contest=ContestFactory(name=HOSTILE), year=2022))
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("reports:page", args=[2022])).content.decode()

    charts_html = re.findall(r'<div class="svg"[^>]*>(.*?)</div>', html, re.S)
    assert len(charts_html) == 5
    assert "<script>alert" not in html
    assert not re.search(r"<[^<>]*\sonerror=", html)  # only as text, never a tag's
    assert "<img src=x" not in html
    labelled = [svg for svg in charts_html if "&lt;script&gt;alert(1)&lt;/script&gt;" in svg]
    assert len(labelled) == 2  # events by territory, applications by stage
    assert any("$x$" in svg for svg in labelled)  # a dollar sign, not TeX
    for svg in charts_html:
        assert "style=" not in svg and "<style" not in svg
    # Several charts on one page: no id twice.
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
