"""django-import-export formats of the registry (settings IMPORT_FORMATS and
EXPORT_FORMATS).

Import: both formats hand the file's bytes unread to the resource, which
checks limits and tells .xlsx from .csv by content; a malformed file thus
gets a clear message in Russian instead of the library's generic one.
Export: CSV starts with a byte-order mark, so that Excel opens Cyrillic
right, with commas or (CSVForExcel) semicolons; XLSX is the library's own,
which keeps dates as dates.
"""

import tablib
from import_export.formats import base_formats


class UploadedDataset(tablib.Dataset):
    """The bytes of an uploaded file, handed unread to the resource, which
    reads them with the sheet name and limits of its own format."""

    def __init__(self, data: bytes, filename: str = ""):
        super().__init__()
        self.data = data
        self.filename = filename

    def __bool__(self):
        return True


class UploadFormat(base_formats.Format):
    title = ""
    extension = ""

    def __init__(self, encoding=None):
        self.encoding = encoding  # unused: the engine detects the encoding

    def get_title(self):
        return self.title

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):  # never with is_binary(), but be safe
            in_stream = in_stream.encode("utf-8")
        return UploadedDataset(bytes(in_stream))

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return self.extension

    def can_import(self):
        return True

    def can_export(self):
        return False


class XLSXImport(UploadFormat):
    title = "xlsx"
    extension = "xlsx"


class CSVImport(UploadFormat):
    title = "csv"
    extension = "csv"


class CSVWithBOM(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


class CSVForExcel(CSVWithBOM):
    """«CSV (Excel, ;)»: Excel and LibreOffice in a Russian locale split a
    double-clicked CSV at semicolons, not commas. UTF-8 with a BOM rather
    than Windows-1251: both read it, and it holds every name (Windows-1251
    has no «ә» or «ң», and would lose them)."""

    def get_title(self):
        return "CSV (Excel, ;)"

    def export_data(self, dataset, **kwargs):
        # tablib knows the format as "csv"; the title is this one's own.
        return "\ufeff" + dataset.export("csv", delimiter=";", **kwargs)


# The library's own XLSX: admin exports pass it native dates only when the
# format's type is exactly base_formats.XLSX.
XLSXExport = base_formats.XLSX
