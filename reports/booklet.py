"""The printed booklet: the report as a PDF made by WeasyPrint.

WeasyPrint fetches what the HTML points at (images, style sheets, fonts,
attachments). Text in the report is typed by users, so the fetcher given to
WeasyPrint serves only the project's static files, uploaded media and
`data:` URLs, and refuses everything else: other local paths, http(s), any
redirect. Refusals are recorded, so that a test can see them.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .document import Document, build

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


def render_html(document: Document) -> str:
    photos = [
        {
            "uri": uri,
            "event": photo.event,
            # Demo captions repeat the event's title and date, shown anyway.
            "caption": "" if photo.caption.startswith(photo.event.title) else photo.caption,
        }
        for photo in document.report.photos
        if (uri := photo_uri(photo.image))
    ]
    return render_to_string("reports/booklet.html", {
        "doc": document,
        "city": CITY,
        "css_uri": static_uri("reports/booklet.css"),
        "font_uris": {
            "regular": static_uri("fonts/PTS55F.ttf"),
            "italic": static_uri("fonts/PTS56F.ttf"),
            "bold": static_uri("fonts/PTS75F.ttf"),
        },
        "photos": photos,
    })


def write_pdf(html: str, fetcher: ReportURLFetcher | None = None) -> bytes:
    fetcher = fetcher or ReportURLFetcher()
    # Relative links resolve under the static directory and meet the same
    # checks as absolute ones.
    base = (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf()


def booklet_pdf(year: int, territory=None, fetcher: ReportURLFetcher | None = None) -> bytes:
    return write_pdf(render_html(build(year, territory)), fetcher)
