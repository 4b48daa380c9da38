"""The PDF booklet: computed text, and a fetcher that loads nothing foreign."""

import io

import pytest
from pypdf import PdfReader

from events.models import Event
from reports import booklet
from reports.aggregates import annual_report
from reports.document import build
from reports.formatting import count
from reports.models import NarrativeBlock
from tests.factories import NarrativeBlockFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<img src="file:///etc/passwd"> <a href="https://evil.example/x">ссылка</a> '
    '<a rel="attachment" href="file:///etc/passwd">вложение</a> '
    '<style>body { background: url("http://evil.example/bg.png") }</style>'
)


EMPTY_SVG = (
    "data:image/svg+xml;base64,"
    "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="
)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def people_sentence(n: int) -> str:
    return f"в мероприятиях приняли участие {count(n, 'человек', 'человека', 'человек')}"


def test_changing_one_events_participants_changes_the_total_and_the_pdf(small_year):
    total = annual_report(YEAR).events.cultural_people.total
    text = pdf_text(booklet.booklet_pdf(YEAR))
    assert " ".join(people_sentence(total).replace("\u00a0", " ").split()) in text

    event = small_year.events[0]
    Event.objects.filter(pk=event.pk).update(participants=event.participants + 1000)

    assert annual_report(YEAR).events.cultural_people.total == total + 1000
    text = pdf_text(booklet.booklet_pdf(YEAR))
    assert people_sentence(total + 1000).replace("\u00a0", " ") in text


def test_booklet_has_cover_contents_and_page_numbers(small_year):
    reader = PdfReader(io.BytesIO(booklet.booklet_pdf(YEAR)))
    pages = len(reader.pages)
    cover = reader.pages[0].extract_text()
    assert "Годовой отчет" in cover and str(YEAR) in cover and "Кемерово" in cover
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Содержание" in contents
    assert "Центры по работе с населением" in contents
    assert f"Стр. 3 из {pages}" in reader.pages[2].extract_text()


def test_user_text_cannot_make_the_pdf_fetch_or_attach_anything(small_year):
    NarrativeBlockFactory(year=YEAR, key=NarrativeBlock.Key.CONCLUSION, text=HOSTILE)
    Event.objects.filter(pk=small_year.events[7].pk).update(description=HOSTILE)
    fetcher = booklet.ReportURLFetcher()

    content = booklet.write_pdf(booklet.render_html(build(YEAR)), fetcher)

    reader = PdfReader(io.BytesIO(content))
    assert not reader.attachments
    # The text is printed as text, never turned into markup.
    assert "file:///etc/passwd" in pdf_text(content)
    roots = fetcher.roots()
    for url in fetcher.fetched:
        assert url.startswith("data:") or any(
            url.startswith(root.as_uri()) for root in roots
        ), url
    assert not any("evil.example" in url or "passwd" in url for url in fetcher.fetched)


def test_the_fetcher_refuses_everything_but_static_media_and_data(small_year, settings):
    fetcher = booklet.ReportURLFetcher()
    static_css = booklet.static_uri("reports/booklet.css")
    escape = f"{settings.MEDIA_ROOT.as_uri()}/../../../../etc/passwd"
    html = f"""<html><head><link rel="stylesheet" href="{static_css}">
      <link rel="attachment" href="file:///etc/passwd">
      <style>p {{ background: url("http://evil.example/bg.png") }}</style></head>
      <body><p>Текст</p><img src="file:///etc/passwd"><img src="https://evil.example/a.png">
      <img src="{escape}"><img src="ftp://evil.example/a.png">
      <a rel="attachment" href="https://evil.example/f.txt">вложение</a>
      <img src="{EMPTY_SVG}">
      </body></html>"""

    content = booklet.write_pdf(html, fetcher)

    assert content.startswith(b"%PDF")
    assert not PdfReader(io.BytesIO(content)).attachments
    assert set(fetcher.refused) >= {
        "file:///etc/passwd",
        "http://evil.example/bg.png",
        "https://evil.example/a.png",
        "ftp://evil.example/a.png",
        "https://evil.example/f.txt",
    }
    assert any("etc/passwd" in url and "media" in url for url in fetcher.refused)
    assert static_css in fetcher.fetched
    assert any(url.startswith("data:") for url in fetcher.fetched)


def test_highlight_photos_come_from_media(small_year):
    fetcher = booklet.ReportURLFetcher()
    booklet.write_pdf(booklet.render_html(build(YEAR)), fetcher)
    assert any("/media/events/" in url for url in fetcher.fetched)
    assert fetcher.refused == []
