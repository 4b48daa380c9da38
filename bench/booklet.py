"""Time the printed booklet on whatever DATABASE_URL points at, and say what
it came out as.

    DATABASE_URL=... .venv/bin/python bench/booklet.py [year] [--runs N]

Prints, for the median of N runs after a warm-up (charts cached, fonts
loaded, as in a running worker): the time to build the document, to
render the HTML (the photos chosen) and to write the PDF; then the PDF's
pages, size, images and their resolution, and its PDF/A declaration.
"""

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from reports import booklet  # noqa: E402
from reports.document import build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("year", nargs="?", type=int, default=2022)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    booklet.booklet_pdf(args.year)  # warm-up: fonts, charts' cache
    phases = {"document": [], "html": [], "pdf": [], "total": []}
    content = b""
    for _ in range(args.runs):
        start = time.perf_counter()
        document = build(args.year)
        built = time.perf_counter()
        html = booklet.render_html(document)
        rendered = time.perf_counter()
        content = booklet.write_pdf(html)
        done = time.perf_counter()
        phases["document"].append(built - start)
        phases["html"].append(rendered - built)
        phases["pdf"].append(done - rendered)
        phases["total"].append(done - start)
    for name, times in phases.items():
        print(f"{name:>9}: {statistics.median(times) * 1000:7.0f} ms")

    reader = PdfReader(io.BytesIO(content))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    part = re.search(rb'pdfaid:part="(\d)"', xmp)
    conformance = re.search(rb'pdfaid:conformance="(\w)"', xmp)
    print(f"    pages: {len(reader.pages)}")
    print(f"     size: {len(content) / 1024:.0f} KiB")
    variant = f"{part[1].decode()}{conformance[1].decode().lower()}" if part else "none"
    print(f"    PDF/A: {variant}")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        try:
            listing = subprocess.run(["pdfimages", "-list", pdf.name], capture_output=True,
                                     text=True, check=True).stdout.splitlines()[2:]
        except FileNotFoundError:
            listing = []
    images = [line.split() for line in listing if line.split()[2] == "image"]
    if images:
        ppi = sorted({int(row[12]) for row in images})
        print(f"   images: {len(images)} on {len({row[0] for row in images})} pages, "
              f"{min(ppi)}–{max(ppi)} ppi")


if __name__ == "__main__":
    main()
