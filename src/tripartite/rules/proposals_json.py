"""The JSON form of a meeting proposal, as ``tripartite rules proposal`` reads it.

Input and output are defined in issue 6 (see docs/meeting-proposals.md). Every key is
optional: a key left out, or null, is a field the proposal does not fill in, which the
completeness rule reports. Unknown keys and unknown values (a type, a source of financing, a
currency, a country, a language) are refused with a message naming them, as are an end before
the start and negative numbers. This module only checks the input and shapes the output; the
rules are ``proposals.evaluate_proposal``.
"""

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from tripartite.rules.findings import Finding
from tripartite.rules.proposal_input import CURRENCIES, input_problems
from tripartite.rules.proposals import (
    Composition,
    Funding,
    FundingSource,
    MeetingType,
    OfficialSession,
    Place,
    Proposal,
    ProposalVerdict,
)

LANGUAGES = ("en", "fr", "es")
Choice = TypeVar("Choice", bound=StrEnum)
KEYS = {"type", "title", "purpose", "standards_relevance", "start", "end", "submitted_on",
        "place", "coverage", "tripartite", "composition", "financing", "languages",
        "consulted", "official_sessions",
        # Beyond the issue's list: the Officers' decision, so that the command can check that
        # it came before the meeting (MTG-3-DECIDED) as the pages do.
        "decided_on"}
PLACE_KEYS = {"country", "city", "online"}
COMPOSITION_KEYS = {"government", "employers", "workers", "resource_persons",
                    "resource_persons_women", "observers"}
FUNDING_KEYS = {"source", "amount", "currency", "donor"}
CONSULTED_KEYS = {"employers", "workers"}
SESSION_KEYS = {"name", "start", "end"}


class ProposalInputError(ValueError):
    """Bad input: ``key`` is the key at fault (a dotted path; None for the document)."""

    def __init__(self, key: str | None, message: str):
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}" if key else message)


def proposal_from_json(text: str | bytes, *,
                       known_countries: Iterable[str] | None = None) -> Proposal:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProposalInputError(None, f"not valid JSON: {error}") from None
    return proposal_from_dict(data, known_countries=known_countries)


def proposal_from_dict(data: object, *, known_countries: Iterable[str] | None = None) -> Proposal:
    """The proposal described by ``data``; ``known_countries`` (ISO 3166-1 alpha-2 codes),
    when given, refuses any other country."""
    root = _object(data, KEYS, None)
    place = _object(root.get("place") or {}, PLACE_KEYS, "place")
    composition = _object(root.get("composition") or {}, COMPOSITION_KEYS, "composition")
    consulted = _object(root.get("consulted") or {}, CONSULTED_KEYS, "consulted")
    proposal = Proposal(
        type=_choice(root.get("type"), MeetingType, "type"),
        title=_string(root.get("title"), "title"),
        purpose=_string(root.get("purpose"), "purpose"),
        standards_relevance=_string(root.get("standards_relevance"), "standards_relevance"),
        start=_date(root.get("start"), "start"),
        end=_date(root.get("end"), "end"),
        submitted_on=_date(root.get("submitted_on"), "submitted_on"),
        decided_on=_date(root.get("decided_on"), "decided_on"),
        place=Place(country=_country(place.get("country"), "place.country"),
                    city=_string(place.get("city"), "place.city"),
                    online=_boolean(place.get("online"), "place.online") or False),
        coverage=tuple(_country_code(code, f"coverage[{index}]") for index, code
                       in enumerate(_list(root.get("coverage"), "coverage"))),
        tripartite=_boolean(root.get("tripartite"), "tripartite"),
        composition=Composition(**{key: _count(composition.get(key), f"composition.{key}")
                                   for key in COMPOSITION_KEYS}),
        financing=tuple(_funding(line, f"financing[{index}]") for index, line
                        in enumerate(_list(root.get("financing"), "financing"))),
        languages=tuple(_language(code, f"languages[{index}]") for index, code
                        in enumerate(_list(root.get("languages"), "languages"))),
        consulted_employers=_date(consulted.get("employers"), "consulted.employers"),
        consulted_workers=_date(consulted.get("workers"), "consulted.workers"),
        official_sessions=tuple(_session(item, f"official_sessions[{index}]") for index, item
                                in enumerate(_list(root.get("official_sessions"),
                                                   "official_sessions"))),
    )
    problems = input_problems(proposal, known_countries=known_countries)
    if problems:
        keys = {"country": "place.country", "amount": "financing", "currency": "financing"}
        first = problems[0]
        key = keys.get(first.field) or (f"composition.{first.field}"
                                        if first.field in COMPOSITION_KEYS else first.field)
        raise ProposalInputError(key, "; ".join(problem.message_in("en")
                                                for problem in problems))
    return proposal


def verdict_to_dict(verdict: ProposalVerdict, language: str = "en") -> dict[str, Any]:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}: {language!r}")
    return {"findings": [finding_to_dict(finding, language) for finding in verdict.findings],
            "ready_for_officers": verdict.ready_for_officers}


def finding_to_dict(finding: Finding, language: str = "en") -> dict[str, Any]:
    return finding.as_dict(language)


def verdict_to_json(verdict: ProposalVerdict, language: str = "en") -> str:
    return json.dumps(verdict_to_dict(verdict, language), indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------


def _object(value: object, allowed: set[str], key: str | None) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ProposalInputError(key, f"expected an object, got {_kind(value)}")
    unknown = sorted(value.keys() - allowed)
    if unknown:
        where = f"{key}." if key else ""
        raise ProposalInputError(
            where + unknown[0],
            f"unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(where + name for name in unknown)} "
            f"(expected: {', '.join(sorted(allowed))})")
    return value


def _list(value: object, key: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProposalInputError(key, f"expected a list, got {_kind(value)}")
    return value


def _string(value: object, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProposalInputError(key, f"expected text, got {_kind(value)}")
    return value


def _boolean(value: object, key: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ProposalInputError(key, f"expected true or false, got {_kind(value)}")


def _count(value: object, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProposalInputError(key, f"expected a whole number, got {_kind(value)}")
    if value < 0:
        raise ProposalInputError(key, f"a number of participants cannot be negative: {value}")
    return value


def _date(value: object, key: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ProposalInputError(key, f"expected an ISO date such as 2027-03-15, got {_kind(value)}")


def _choice(value: object, choices: type[Choice], key: str) -> Choice | None:
    if value is None:
        return None
    allowed = [choice.value for choice in choices]
    if not isinstance(value, str) or value not in allowed:
        raise ProposalInputError(key, f"unknown value {_kind(value)} "
                                      f"(expected one of: {', '.join(allowed)})")
    return choices(value)


def _country(value: object, key: str) -> str | None:
    return None if value is None else _country_code(value, key)


def _country_code(value: object, key: str) -> str:
    if not isinstance(value, str) or len(value) != 2 or not value.isalpha():
        raise ProposalInputError(key, f"unknown country {_kind(value)} (expected an ISO "
                                      "3166-1 alpha-2 code such as FR)")
    return value.upper()


def _language(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise ProposalInputError(key, f"expected a language code, got {_kind(value)}")
    return value.lower()


def _funding(value: object, key: str) -> Funding:
    line = _object(value, FUNDING_KEYS, key)
    amount = line.get("amount")
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise ProposalInputError(f"{key}.amount", f"expected a number, got {_kind(amount)}")
        if amount < 0:
            raise ProposalInputError(f"{key}.amount", f"an amount cannot be negative: {amount}")
        amount = Decimal(str(amount))
    currency = _string(line.get("currency"), f"{key}.currency").upper()
    if currency and currency not in CURRENCIES:
        raise ProposalInputError(f"{key}.currency", f"unknown currency {_kind(currency)} "
                                                    "(expected an ISO 4217 code such as USD)")
    source = _choice(line.get("source"), FundingSource, f"{key}.source")
    if source is None:
        raise ProposalInputError(f"{key}.source", "missing (each financing names its source)")
    return Funding(source=source, amount=amount, currency=currency,
                   donor=_string(line.get("donor"), f"{key}.donor"))


def _session(value: object, key: str) -> OfficialSession:
    item = _object(value, SESSION_KEYS, key)
    name = _string(item.get("name"), f"{key}.name")
    start, end = _date(item.get("start"), f"{key}.start"), _date(item.get("end"), f"{key}.end")
    if start is None or end is None:
        raise ProposalInputError(key, "each official session needs its start and end")
    if end < start:
        raise ProposalInputError(f"{key}.end", "ends before it starts")
    return OfficialSession(name=name, start=start, end=end)


def _kind(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
