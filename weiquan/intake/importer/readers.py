"""Reading CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) and XLSX row by row, with row-level errors.

`open_table(path)` returns a Table: its header and an iterator of (row number, cells | RowProblem). Row
numbers count as a spreadsheet does: the header is row 1. A problem in one row (bytes of another
encoding, NUL bytes, an oversized row) is reported for that row and reading goes on; a file that cannot
be read at all raises ImportFileError before anything is imported.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.utils.translation import gettext as _

MAX_ROW_CHARS = 64_000
MAX_FIELD_CHARS = 1_000_000
SAMPLE = 1 << 20
_BAD_CHARS = re.compile("[\x00\udc80-\udcff]")


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class RowProblem:
    reason: str


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list | RowProblem]]
    format: str
    encoding: str = ""
    size: int = 0
    position: callable = lambda: 0  # bytes (CSV) or rows (XLSX) read so far, for the progress bar
    total: int = 0  # the same unit: file size or row count (0 when unknown)


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"  # a superset of GBK and GB2312
    except UnicodeDecodeError:
        return "utf-8"  # mostly UTF-8 with bad bytes: the bad rows are reported one by one


def _row_problem(cells: list[str], encoding: str) -> RowProblem | None:
    size = sum(map(len, cells))
    if size > MAX_ROW_CHARS:
        return RowProblem(_("row too large (%(n)d characters; at most %(max)d)") % {"n": size, "max": MAX_ROW_CHARS})
    found = _BAD_CHARS.search("\x1f".join(cells))
    if found is None:
        return None
    if found.group() == "\x00":
        return RowProblem(_("row contains NUL bytes"))
    return RowProblem(_("row contains bytes that are not valid %(encoding)s") % {"encoding": encoding})


def _csv_table(path: Path, encoding: str | None) -> Table:
    raw = open(path, "rb")  # noqa: SIM115 (closed when the rows are exhausted)
    sample = raw.read(SAMPLE)
    raw.seek(0)
    encoding = encoding or detect_encoding(sample)
    if b"\x00" in sample[:4096] and encoding != "utf-16" and sample.count(b"\x00") > len(sample[:4096]) // 4:
        raw.close()
        raise ImportFileError(_("This does not look like a CSV file (binary content)."))
    text = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
    first_line = sample.split(b"\n", 1)[0].decode(encoding if encoding != "utf-8-sig" else "utf-8", "replace")
    delimiter = max([",", "\t", ";", "|"], key=first_line.count)
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raw.close()
        raise ImportFileError(_("The file is empty.")) from None
    except csv.Error as exc:
        raw.close()
        raise ImportFileError(_("The header row cannot be read: %(error)s") % {"error": exc}) from None
    header = [h.lstrip("\ufeff") for h in header]
    if _row_problem(header, encoding):
        raw.close()
        raise ImportFileError(_("The header row is not valid text in %(encoding)s; give --encoding.") % {
            "encoding": encoding})

    def rows():
        number = 1
        try:
            while True:
                number += 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield number, RowProblem(_("unreadable CSV row: %(error)s") % {"error": exc})
                    continue
                yield number, _row_problem(cells, encoding) or cells
        finally:
            raw.close()

    size = path.stat().st_size
    return Table(header, rows(), "csv", encoding, size, position=lambda: raw.tell() if not raw.closed else size,
                 total=size)


def _cell(value) -> str | datetime | date:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _xlsx_table(path: Path, sheet: str | None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = book[sheet] if sheet else book.worksheets[0]
        iterator = ws.iter_rows(values_only=True)
        header_values = next(iterator, None)
    except KeyError as exc:
        raise ImportFileError(_("The XLSX file is damaged or has no such sheet: %(error)s") % {"error": exc}) from None
    except (zipfile.BadZipFile, InvalidFileException, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(_("Not a readable XLSX file: %(error)s") % {"error": exc}) from None
    if header_values is None:
        raise ImportFileError(_("The sheet is empty."))
    header = [str(_cell(v)).strip() for v in header_values]
    counter = {"n": 1}

    def rows():
        number = 1
        try:
            for values in iterator:
                number += 1
                counter["n"] = number
                cells = [_cell(v) for v in values]
                texts = [c for c in cells if isinstance(c, str)]
                yield number, _row_problem(texts, "UTF-8") or cells
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError) as exc:
            raise ImportFileError(_("The XLSX file is damaged after row %(row)d: %(error)s") % {
                "row": number - 1, "error": exc}) from None
        finally:
            book.close()

    total = ws.max_row if isinstance(ws.max_row, int) else 0
    return Table(header, rows(), "xlsx", "", path.stat().st_size, position=lambda: counter["n"], total=total)


def open_table(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(_("No such file: %(path)s") % {"path": path})
    with open(path, "rb") as f:
        magic = f.read(8)
    if magic.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not magic.startswith(b"PK\x03\x04"):
            raise ImportFileError(_("Not a readable XLSX file: it is not a ZIP archive."))
        return _xlsx_table(path, sheet)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Old Excel .xls files are not supported: save the sheet as .xlsx or CSV."))
    return _csv_table(path, encoding)
