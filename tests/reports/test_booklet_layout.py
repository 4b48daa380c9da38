"""On the loaded 2022 demo: the booklet looks like a publication. Its pages
are rendered to PNG (pdftoppm, low resolution) and measured: how many, how
full, where the photos and the winners are, no text outside the page."""

import io
import re
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from contests.models import Result
from events.models import EventPhoto
from reports import booklet
from reports.document import build
from reports.photos import WINNERS_PER_CONTEST, winner_name

pytestmark = [
    pytest.mark.demo,
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils"),
]

YEAR = 2022
DPI = 30
MM = DPI / 25.4  # pixels a millimetre
# static/reports/booklet.css: @page margins (top, right, bottom, left), mm.
TOP, RIGHT, BOTTOM, LEFT = 18, 16, 20, 18
FILL = 0.60  # the least a page is filled, but a section's last
MAX_PAGES = 16 + 2  # content and the two covers
MAX_BYTES = 3 * 1024 * 1024


class Words(HTMLParser):
    """pdftotext -bbox's output: the page boxes and each word's box."""

    def __init__(self):
        super().__init__()
        self.pages: list[dict] = []
        self._word = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "page":
            self.pages.append({"width": float(attrs["width"]), "height": float(attrs["height"]),
                               "words": []})
        elif tag == "word":
            self._word = {k: float(attrs[k]) for k in ("xmin", "ymin", "xmax", "ymax")}

    def handle_data(self, data):
        if self._word is not None:
            self._word["text"] = data
            self.pages[-1]["words"].append(self._word)
            self._word = None


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory, session_media):
    # The demo's photos are in the run's own media folder (tests/conftest.py).
    with override_settings(MEDIA_ROOT=session_media), django_db_blocker.unblock():
        document = build(YEAR)
        content = booklet.booklet_pdf(YEAR)
        winners = _winners_with_photos()
    folder = tmp_path_factory.mktemp("booklet")
    pdf = folder / "booklet.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True, timeout=120)
    pngs = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, timeout=60,
                          capture_output=True, text=True).stdout
    words = Words()
    words.feed(bbox)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, timeout=60,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    pages_with_images = {int(line.split()[0]) for line in images if line.split()[2] == "image"}
    return {
        "content": content,
        "document": document,
        "pngs": pngs,
        "pages": words.pages,
        "pages_with_images": pages_with_images,
        "winners": winners,
    }


def _winners_with_photos() -> dict[str, list[str]]:
    """Per contest, the winners whose own events (their TOS body's, center's
    or committee's) have a photo of the year: counted here from the records."""
    photographed = defaultdict(set)
    for event in EventPhoto.objects.filter(event__date__year=YEAR).values(
        "event__tos_body_id", "event__center_id", "event__committee_id"
    ):
        photographed["tos_body"].add(event["event__tos_body_id"])
        photographed["center"].add(event["event__center_id"])
        photographed["committee"].add(event["event__committee_id"])
    out = defaultdict(list)
    results = Result.objects.filter(edition__year=YEAR).select_related(
        "application__tos_body", "application__center", "application__committee",
        "edition__contest",
    )
    for result in results:
        app = result.application
        has_photo = (
            app.tos_body_id in photographed["tos_body"] if app.tos_body_id
            else app.center_id in photographed["center"] if app.center_id
            else app.committee_id in photographed["committee"] if app.committee_id
            else False
        )
        if has_photo:
            out[result.edition.contest.name].append(winner_name(result))
    return out


def _text(page) -> str:
    return " ".join(w["text"] for w in page["words"])


def _first_line(page) -> str:
    """The first line of text in the content box (below the running head)."""
    top = TOP * 72 / 25.4 - 1
    words = sorted((w for w in page["words"] if w["ymin"] >= top), key=lambda w: w["ymin"])
    if not words:
        return ""
    first = words[0]["ymin"]
    return " ".join(w["text"] for w in words if abs(w["ymin"] - first) < 3)


def _fill(png) -> float:
    """The share of the content box's rows that are inked, a row counting
    as inked when ink is within 3 mm above or below it (the gaps between
    lines and around headings are part of a full page; white space is not)."""
    with Image.open(png) as image:
        gray = image.convert("L")
        width, height = gray.size
        box = gray.crop((round(LEFT * MM), round(TOP * MM), width - round(RIGHT * MM),
                         height - round(BOTTOM * MM)))
        rows = box.height
        pixels = box.load()
        inked = [any(pixels[x, y] < 225 for x in range(box.width)) for y in range(rows)]
    reach = round(3 * MM)
    near = [any(inked[max(0, y - reach): y + reach + 1]) for y in range(rows)]
    return sum(near) / rows


def test_the_booklet_is_a_printable_pdf_a(rendered):
    content = rendered["content"]
    assert len(content) < MAX_BYTES
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb"pdfaid:part(>|=\")3", xmp)
    assert re.search(rb"pdfaid:conformance(>|=\")B", xmp)
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert str(YEAR).encode() in xmp
    assert reader.metadata.author == "Администрация города Кемерово"
    assert str(YEAR) in reader.metadata.title
    for page in reader.pages:  # A4
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "/FontDescriptor" in font.get_object() or "/DescendantFonts" in font.get_object()
    }
    assert any("PTSans" in str(name) or "PT" in str(name) for name in fonts)


def test_page_count_within_a_publications_range(rendered):
    assert 10 <= len(rendered["pngs"]) <= MAX_PAGES


def test_no_page_is_mostly_white_but_a_sections_last(rendered):
    pages, pngs = rendered["pages"], rendered["pngs"]
    titles = {s.title for s in rendered["document"].sections} | {"Показатели года"}
    low = []
    for n in range(1, len(pngs) - 1):  # the covers are pictures
        last_of_section = (
            n == len(pngs) - 2  # the last before the back cover
            or _first_line(pages[n + 1]) in titles
        )
        fill = _fill(pngs[n])
        if fill < FILL and not last_of_section:
            low.append((n + 1, round(fill, 2)))
    assert low == []


def test_every_section_of_the_story_carries_photos(rendered):
    html = booklet.render_html(rendered["document"])
    for key in ("tos", "contests", "centers", "media"):
        section = html.split(f'id="section-{key}"', 1)[1].split("</section>", 1)[0]
        assert '<figure class="photo">' in section, key
    assert len(rendered["pages_with_images"]) >= 5


def test_every_winner_with_a_photo_is_named_beside_it(rendered):
    winners = rendered["winners"]
    assert sum(len(names) for names in winners.values()) >= 8  # the demo's
    pages, with_images = rendered["pages"], rendered["pages_with_images"]
    texts = [_text(page) for page in pages]
    for contest, names in winners.items():
        assert len(names) <= WINNERS_PER_CONTEST
        gallery = [n for n, text in enumerate(texts, 1)
                   if f"Победители конкурса «{contest}»" in " ".join(text.split())]
        assert gallery, contest
        for name in names:
            shown = [n for n in range(gallery[0], gallery[0] + 2)
                     if n <= len(texts) and name in texts[n - 1] and n in with_images]
            assert shown, (contest, name)


def test_no_text_is_drawn_outside_the_page(rendered):
    """No word outside the page; on the content pages none in the side
    margins either (a table or a label too wide), but for the hyphen
    WeasyPrint hangs past a justified line's end (about 2 mm)."""
    outside = []
    last = len(rendered["pages"])
    for n, page in enumerate(rendered["pages"], 1):
        width, height = page["width"], page["height"]
        for word in page["words"]:
            left, right = 0, width
            if n not in (1, last):
                # pdftotext's boxes of justified lines end up to 1 mm past it
                hang = 3 if word["text"].endswith("\u2010") else 1.5
                left, right = (LEFT - 0.8) * 72 / 25.4, width - (RIGHT - hang) * 72 / 25.4
            if (word["xmin"] < left or word["xmax"] > right
                    or word["ymin"] < 0 or word["ymax"] > height):
                outside.append((n, word["text"], word["xmin"], word["xmax"], right))
    assert outside == []


def test_the_chart_labels_are_whole(rendered):
    text = " ".join(" ".join(_text(page) for page in rendered["pages"]).split())
    assert "…" not in text
    assert "Лучший комитет территориального общественного самоуправления" in text
