"""The JSON form of a delegation and of its verdict, as ``tripartite rules delegation`` uses it.

Input and output are defined in issue 3 ("The rules as a command"); docs/rules.md shows an
example. Every error names the key at fault, as a path: ``persons[1].group`` (0-based).
Unknown keys are refused too, so that a misspelt optional key is not silently ignored.
"""

import json
import re
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from tripartite.rules.delegations import (
    Delegation,
    DelegationVerdict,
    Gender,
    Group,
    Member,
    Person,
    Role,
    SessionFacts,
)

LANGUAGES = ("en", "fr", "es")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Choice = TypeVar("Choice", bound=StrEnum)


class DelegationInputError(ValueError):
    """Bad input: ``key`` is the path of the value at fault (None for the document itself)."""

    def __init__(self, key: str | None, message: str):
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}" if key else message)


def delegation_from_json(text: str | bytes) -> Delegation:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DelegationInputError(None, f"not valid JSON: {error}") from None
    return delegation_from_dict(data)


def delegation_from_dict(data: object) -> Delegation:
    root = _object(data, None, required={"member", "session", "persons"},
                   optional={"received_on"})
    persons = _list(root["persons"], "persons")
    return Delegation(
        member=_member(root["member"], "member"),
        session=_session(root["session"], "session"),
        received_on=_optional_date(root.get("received_on"), "received_on"),
        persons=tuple(_person(person, f"persons[{index}]")
                      for index, person in enumerate(persons)),
    )


def _member(value: object, key: str) -> Member:
    member = _object(value, key, required={"code", "in_arrears"}, optional={"vote_restored"})
    return Member(
        code=_string(member["code"], f"{key}.code"),
        in_arrears=_boolean(member["in_arrears"], f"{key}.in_arrears"),
        vote_restored=_boolean(member.get("vote_restored", False), f"{key}.vote_restored"),
    )


def _session(value: object, key: str) -> SessionFacts:
    session = _object(value, key, required={"opening", "agenda_items"},
                      optional={"credentials_deadline"})
    return SessionFacts(
        opening=_date(session["opening"], f"{key}.opening"),
        agenda_items=_count(session["agenda_items"], f"{key}.agenda_items"),
        credentials_deadline=_optional_date(session.get("credentials_deadline"),
                                            f"{key}.credentials_deadline"),
    )


def _person(value: object, key: str) -> Person:
    person = _object(value, key, required={"id", "group", "role", "gender"},
                     optional={"agenda_items", "adviser_to", "admitted", "represents"})
    items = _list(person.get("agenda_items", []), f"{key}.agenda_items")
    adviser_to = person.get("adviser_to")
    return Person(
        id=_person_id(person["id"], f"{key}.id"),
        group=_choice(person["group"], f"{key}.group", Group),
        role=_choice(person["role"], f"{key}.role", Role),
        gender=_choice(person["gender"], f"{key}.gender", Gender),
        agenda_items=tuple(_count(item, f"{key}.agenda_items[{index}]")
                           for index, item in enumerate(items)),
        adviser_to=None if adviser_to is None else _person_id(adviser_to, f"{key}.adviser_to"),
        admitted=_boolean(person.get("admitted", True), f"{key}.admitted"),
        represents=("" if "represents" not in person
                    else _string(person["represents"], f"{key}.represents")),
    )


# ---------------------------------------------------------------------------------------------
# One checker per kind of value


def _object(value: object, key: str | None, *, required: set[str],
            optional: set[str]) -> dict[str, object]:
    where = key or "the document"
    if not isinstance(value, dict):
        raise DelegationInputError(key, f"expected an object, got {_kind(value)}")
    missing = sorted(required - value.keys())
    if missing:
        raise DelegationInputError(_path(key, missing[0]), f"missing (required in {where})")
    unknown = sorted(value.keys() - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise DelegationInputError(_path(key, unknown[0]), f"unknown key (expected: {allowed})")
    return value


def _path(key: str | None, name: str) -> str:
    return f"{key}.{name}" if key else name


def _list(value: object, key: str) -> list[object]:
    if not isinstance(value, list):
        raise DelegationInputError(key, f"expected a list, got {_kind(value)}")
    return value


def _string(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DelegationInputError(key, f"expected a non-empty string, got {_kind(value)}")
    return value


def _boolean(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise DelegationInputError(key, f"expected true or false, got {_kind(value)}")
    return value


def _count(value: object, key: str) -> int:
    # bool is an int in Python, but true is not a number of agenda items.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DelegationInputError(key, f"expected a whole number >= 0, got {_kind(value)}")
    return value


def _person_id(value: object, key: str) -> str | int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        return value
    raise DelegationInputError(key, f"expected a string or a whole number, got {_kind(value)}")


def _choice(value: object, key: str, choices: type[Choice]) -> Choice:
    allowed = [choice.value for choice in choices]
    if not isinstance(value, str) or value not in allowed:
        raise DelegationInputError(key, f"unknown value {_kind(value)} "
                                        f"(expected one of: {', '.join(allowed)})")
    return choices(value)


def _date(value: object, key: str) -> date:
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DelegationInputError(key, f"expected an ISO date (YYYY-MM-DD), got {_kind(value)}")


def _optional_date(value: object, key: str) -> date | None:
    return None if value is None else _date(value, key)


def _kind(value: object) -> str:
    """The offending value as JSON, shortened: what the user typed, not a Python repr."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


# ---------------------------------------------------------------------------------------------
# The verdict


def verdict_to_dict(verdict: DelegationVerdict, language: str = "en") -> dict[str, Any]:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}: {language!r}")
    return {
        "votes": verdict.votes.as_dict(),
        "voters": list(verdict.voters),
        "findings": [finding.as_dict(language) for finding in verdict.findings],
    }


def verdict_to_json(verdict: DelegationVerdict, language: str = "en") -> str:
    return json.dumps(verdict_to_dict(verdict, language), indent=2, ensure_ascii=False)
