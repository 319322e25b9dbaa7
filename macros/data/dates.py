"""The one way the guide writes a date: ``22 November 2026`` (en-GB), on the pages, in the PDFs
and in the spreadsheet. English month names whatever the machine's locale."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def long_date(value: object) -> str:
    """``2026-11-22`` (or a ``datetime.date``) as ``22 November 2026``."""
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
