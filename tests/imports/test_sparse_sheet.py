"""A tiny workbook with one far cell (XFD59999) must be refused before the
reader builds a dense grid for it (31 GB asked, the worker killed):
issue 20 item 7. Run in a subprocess with a memory limit, so that a
regression fails the test instead of the test run."""

import io
import subprocess
import sys
import textwrap
import time
import zipfile

import pytest
from openpyxl import Workbook

from core.imports.files import FileRejected, read_xlsx


def workbook(far_cell: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Дата", "Название"])
    sheet.append(["20.05.2022", "Субботник"])
    sheet[far_cell] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PROBE = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
    from core.imports.files import FileRejected, read_xlsx
    data = sys.stdin.buffer.read()
    try:
        read_xlsx(data)
    except FileRejected as error:
        print("REFUSED", error)
    else:
        print("READ")
""")


@pytest.mark.parametrize("far_cell", ["XFD59999", "AMJ59999", "A1048576", "ZZ100"])
def test_far_cell_is_refused_in_bounded_time_and_memory(far_cell):
    data = workbook(far_cell)
    assert len(data) < 10_000
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", PROBE], input=data, capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    out = result.stdout.decode()
    assert out.startswith("REFUSED"), out
    row = far_cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    column = far_cell[: len(far_cell) - len(row)]
    assert "за пределами таблицы" in out
    assert f"строки {row}" in out or f"столбца {column}" in out, out
    assert time.monotonic() - started < 30


def test_a_normal_sheet_is_still_read():
    table = read_xlsx(workbook("B3"))
    assert table.headers == ["Дата", "Название"]
    assert len(table.rows) == 2


def test_cells_without_coordinates_are_counted_too():
    # Cells with no r attribute take the next column: 200 of them in a row
    # reach past the limit as surely as one at GR1.
    book = Workbook()
    book.active.append(["Дата"])
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    target_bytes = io.BytesIO()
    with zipfile.ZipFile(target_bytes, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 200
                part = part.replace(b"</sheetData>", b"<row>" + cells + b"</row></sheetData>")
            target.writestr(item, part)
    with pytest.raises(FileRejected, match="за пределами таблицы"):
        read_xlsx(target_bytes.getvalue())
