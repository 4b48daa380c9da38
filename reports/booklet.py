"""The printed booklet: the report as a PDF made by WeasyPrint.

WeasyPrint fetches what the HTML points at (images, style sheets, fonts,
attachments). Text in the report is typed by users, so the fetcher given to
WeasyPrint serves only the project's static files, uploaded media and
`data:` URLs, and refuses everything else: other local paths, http(s), any
redirect. Refusals are recorded, so that a test can see them.
"""

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import photos as photos_module
from .document import Document, build
from .formatting import plural
from .photos import Gallery
from .text import Section

CITY = "Кемерово"


class RefusedURL(ValueError):
    """WeasyPrint logs this and goes on without the resource."""


class ReportURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allow_redirects=False, allowed_protocols=("file", "data"))
        self.fetched: list[str] = []
        self.refused: list[str] = []

    @staticmethod
    def roots() -> list[Path]:
        roots = [Path(d) for d in settings.STATICFILES_DIRS]
        roots += [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
        return [r.resolve() for r in roots]

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            self.fetched.append(url[:40])
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers))
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path.is_file() and any(path.is_relative_to(r) for r in self.roots()):
                    self.fetched.append(url)
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        path.as_uri(), path.read_bytes(), {"Content-Type": kind}
                    )
        self.refused.append(url)
        raise RefusedURL(f"Не разрешено загружать в отчет: {url}")


def static_uri(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


def photo_uri(image) -> str | None:
    """A local file's URI, or a data: URI for photos in object storage (the
    fetcher never reaches out to the network, the bucket included)."""
    if not image:
        return None
    try:
        path = Path(image.path)
    except NotImplementedError:  # a remote storage: S3 and the like
        try:
            with image.open("rb") as f:
                data = base64.b64encode(f.read()).decode()
        except OSError:
            return None
        mime = mimetypes.guess_type(image.name)[0] or "image/jpeg"
        return f"data:{mime};base64,{data}"
    return path.resolve().as_uri() if path.is_file() else None


# The booklet prints its photos at most this wide (the cover's, A4 less the
# margins); WeasyPrint scales every image down to PRINT_DPI at the size it
# is printed, so a phone's photo does not weigh megabytes.
PRINT_DPI = 300
AUTHOR = "Администрация города Кемерово"


@dataclass
class CoverFigure:
    value: int
    label: str


@dataclass
class BookletSection:
    """A section as the booklet prints it: its paragraphs with the galleries
    after the text they illustrate (`Gallery.after_figure`), then `tail`
    (the galleries of the whole section), its charts and tables."""

    section: Section
    parts: list  # ("block", Block) or ("gallery", Gallery), in print order
    tail: list[Gallery]

    @classmethod
    def of(cls, section: Section, galleries: list[Gallery]) -> "BookletSection":
        last = {block.figure: i for i, block in enumerate(section.blocks) if block.figure}
        after, tail = {}, []
        for gallery in galleries:
            i = last.get(gallery.after_figure)
            if i is None:
                tail.append(gallery)
            else:
                after.setdefault(i, []).append(gallery)
        parts = []
        for i, block in enumerate(section.blocks):
            parts.append(("block", block))
            parts += [("gallery", gallery) for gallery in after.get(i, [])]
        return cls(section, parts, tail)


def cover_figures(report) -> list[CoverFigure]:
    """The year's key numbers for the cover, from the report's own figures."""
    reg, ev = report.registry, report.events
    figures = [
        (reg["committees"].total, ("окружной комитет ТОС", "окружных комитета ТОС",
                                   "окружных комитетов ТОС")),
        (reg["bodies"].total, ("орган ТОС", "органа ТОС", "органов ТОС")),
        (reg["activists"].total, ("активист", "активиста", "активистов")),
        (ev.by_territory.total, ("мероприятие", "мероприятия", "мероприятий")),
        (ev.people.total, ("участник мероприятий", "участника мероприятий",
                           "участников мероприятий")),
    ]
    return [CoverFigure(value, plural(value, *forms)) for value, forms in figures]


def _gallery_items(gallery: Gallery) -> Gallery:
    gallery.items = [
        {"uri": uri, "title": photo.title, "caption": photo.caption}
        for photo in gallery.photos
        if (uri := photo_uri(photo.image))
    ]
    return gallery


def render_html(document: Document) -> str:
    galleries = {
        key: [g for g in map(_gallery_items, items) if g.items]
        for key, items in photos_module.section_photos(document.report).items()
    }
    sections = [BookletSection.of(s, galleries.get(s.key, [])) for s in document.sections]
    cover = next((g.items[0] for key in ("media", "tos", "centers", "contests")
                  for g in galleries.get(key, [])), None)
    return render_to_string("reports/booklet.html", {
        "doc": document,
        "city": CITY,
        "author": AUTHOR,
        "css_uri": static_uri("reports/booklet.css"),
        "font_uris": {
            "regular": static_uri("fonts/PTS55F.ttf"),
            "italic": static_uri("fonts/PTS56F.ttf"),
            "bold": static_uri("fonts/PTS75F.ttf"),
        },
        "cover_figures": cover_figures(document.report),
        "cover_photo": cover,
        "sections": sections,
    })


def write_pdf(html: str, fetcher: ReportURLFetcher | None = None) -> bytes:
    fetcher = fetcher or ReportURLFetcher()
    # Relative links resolve under the static directory and meet the same
    # checks as absolute ones.
    base = (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"
    # PDF/A-3b: the archive's standard (fonts embedded, sRGB output intent,
    # XMP metadata from <title>, <meta name="author"> and <html lang>).
    return HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/a-3b", dpi=PRINT_DPI, jpeg_quality=85,
    )


def booklet_pdf(year: int, territory=None, fetcher: ReportURLFetcher | None = None) -> bytes:
    return write_pdf(render_html(build(year, territory)), fetcher)
