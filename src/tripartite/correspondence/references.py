"""References of the outgoing register: ``RELOFF/2026/0042``, never reused, without gaps.

The pattern (``RegisterSettings.reference_pattern``) names ``{year}`` and ``{number}``; each
year of a pattern is a series with its own counter row. :func:`allocate` locks that row with
SELECT … FOR UPDATE and must run inside the transaction that creates the letters: concurrent
allocations wait for each other, and a transaction that rolls back gives its numbers back
with it, so the numbers of a series run 1, 2, 3 … with no gap and no repeat.
"""

import string
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.common.services import ServiceError
from tripartite.correspondence.models import (
    DEFAULT_REFERENCE_PATTERN,
    ReferenceCounter,
    RegisterSettings,
)

FIELDS = {"year", "number"}


@dataclass(frozen=True)
class Reference:
    series: str
    number: int
    text: str


def check_pattern(pattern: str) -> str:
    """The pattern when it names {number} and only {year} and {number}; a ServiceError if not."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern)
                 if name is not None}
    except ValueError as error:
        raise _unreadable(error) from error
    if "number" not in names:
        raise ServiceError(_("The reference pattern must contain {number}."),
                           field="reference_pattern", code="bad_pattern")
    unknown = names - FIELDS
    if unknown:
        raise ServiceError(_("The reference pattern may only use {year} and {number}, not "
                             "%(names)s.") % {"names": ", ".join(sorted(unknown))},
                           field="reference_pattern", code="bad_pattern")
    try:
        pattern.format(year=2026, number=42)
    except (ValueError, IndexError, KeyError) as error:
        raise _unreadable(error) from error
    return pattern


def _unreadable(error) -> ServiceError:
    return ServiceError(_("The reference pattern cannot be read: %(error)s") % {
        "error": error}, field="reference_pattern", code="bad_pattern")


def reference_pattern() -> str:
    row = RegisterSettings.objects.filter(pk=1).values_list("reference_pattern",
                                                            flat=True).first()
    return row or DEFAULT_REFERENCE_PATTERN


def series_of(pattern: str, year: int) -> str:
    return f"{pattern}|{year}"


def allocate(count: int, *, year: int, pattern: str | None = None) -> list[Reference]:
    """``count`` consecutive references of ``year``'s series, from a locked counter row.

    Call inside ``transaction.atomic()``, in the transaction that saves the letters.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate() must run inside the transaction that creates letters")
    pattern = check_pattern(pattern or reference_pattern())
    series = series_of(pattern, year)
    ReferenceCounter.objects.get_or_create(series=series)  # the row to lock, once per series
    counter = ReferenceCounter.objects.select_for_update().get(series=series)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return [Reference(series, number, pattern.format(year=year, number=number))
            for number in range(first, first + count)]
