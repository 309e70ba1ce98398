"""Spreadsheets the site writes: the one formula rule, for the public CSV exports
(articles/export.py) and for the admin's exports (django-import-export).

A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a
leading apostrophe, so ``=HYPERLINK(…)`` in a headline stays text. CSV files start with a UTF-8
BOM so that Excel reads Vietnamese right.
"""

import datetime

from django.utils import timezone
from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell as text; one that a spreadsheet would take for a formula starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _neutralised(dataset):
    copy = dataset.__class__(headers=[neutralise(h) for h in dataset.headers or []])
    for row in dataset:
        copy.append([neutralise(cell) for cell in row])
    return copy


class SafeCSV(base_formats.CSV):
    """CSV with a BOM, formulas neutralised; reads files with or without a BOM."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(_neutralised(dataset), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return super().create_dataset(in_stream.removeprefix("\ufeff"), **kwargs)


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


# The formats the admin offers for import and export.
FORMATS = [SafeCSV, SafeXLSX, base_formats.JSON]
