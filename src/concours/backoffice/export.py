"""CSV files of back-office lists, streamed row by row, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

# A cell starting with one of these is read as a formula by spreadsheets (CSV injection): a name typed
# as "=HYPERLINK(...)" would run when a recruiter opens the file. Tab and carriage return start formulas
# in some of them too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """The text of one cell; one that a spreadsheet would read as a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """What csv.writer writes to: hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """The lines of a CSV file, one at a time (for StreamingHttpResponse), with a byte-order mark so that
    spreadsheets read the names' accents as UTF-8."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])
