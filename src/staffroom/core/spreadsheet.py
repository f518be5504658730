"""CSV that spreadsheets open safely: a cell a spreadsheet would run as a formula (it starts
with =, +, - or @, or hides one behind a tab or carriage return) gets an apostrophe in front;
the text starts with a byte order mark so that accents read right. Used by every CSV download
(event registrants, the staff dashboard, partners' figures): their cells hold what members
typed."""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """``value`` as a CSV cell: None empty, text that would start a formula defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """A table as CSV text for spreadsheets (byte order mark, defused cells)."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return "\ufeff" + output.getvalue()
