"""Small pieces every app's API router shares: strict request bodies, PATCH changes,
pagination and the 422 for a body or query that names something that does not exist."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, AwareDatetime, ConfigDict
from pydantic_core import PydanticCustomError

# The bounds of every number and date a client sends, written in the OpenAPI schema so that
# clients see them and nothing out of range reaches the database (SQLite stores at most a
# signed 64-bit integer; Python's dates stop at year 9999, a year lookup before that).
MAX_WHOLE_NUMBER = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1919, 2200  # The ILO was founded in 1919.

Id = Annotated[int, Field(ge=1, le=MAX_WHOLE_NUMBER)]
WholeNumber = Annotated[int, Field(ge=-MAX_WHOLE_NUMBER, le=MAX_WHOLE_NUMBER)]
Count = Annotated[int, Field(ge=0, le=MAX_WHOLE_NUMBER)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]


def _year_in_range(value):
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        # config/api.py gives the message in the user's language.
        raise PydanticCustomError("year_out_of_range", "The year must be from {min} to {max}.",
                                  {"min": MIN_YEAR, "max": MAX_YEAR})
    return value


# A date or time of the calendar's years: year 1 with an offset, say, has no UTC time at all.
Moment = Annotated[AwareDatetime, AfterValidator(_year_in_range)]
Day = Annotated[date, AfterValidator(_year_in_range)]


class InputSchema(Schema):
    """Request bodies refuse fields they do not know, so a misspelt name is not ignored."""

    model_config = ConfigDict(extra="forbid")


class LimitOffset(LimitOffsetPagination):
    """``?limit=`` (1 to 500, default 100) and ``?offset=``; answers ``{items, count}``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_WHOLE_NUMBER)


def unknown_reference(location: tuple[str, ...], message: str) -> ValidationError:
    """A 422 on one input, e.g. ``("body", "member_state")``, that names nothing known."""
    return ValidationError([{"loc": location, "msg": message, "type": "unknown_reference"}])


def plain(value):
    """Choices arrive as enum members; the services and the log want their values."""
    return getattr(value, "value", value)


def body_data(payload: Schema) -> dict:
    """Every field of a create body, choices as plain values."""
    return {key: plain(value) for key, value in payload.model_dump().items()}


def patch_changes(payload: Schema) -> tuple[dict, datetime | None]:
    """The fields a PATCH body sent, and apart the ``updated_at`` the client last saw."""
    changes = payload.model_dump(exclude_unset=True)
    seen_updated_at = changes.pop("updated_at", None)
    return {key: plain(value) for key, value in changes.items()}, seen_updated_at
