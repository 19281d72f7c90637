"""Small pieces every app's API router shares: strict request bodies, PATCH changes,
pagination and the 422 for a body or query that names something that does not exist."""

from datetime import datetime

from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination
from pydantic import ConfigDict


class InputSchema(Schema):
    """Request bodies refuse fields they do not know, so a misspelt name is not ignored."""

    model_config = ConfigDict(extra="forbid")


class LimitOffset(LimitOffsetPagination):
    """``?limit=`` (1 to 500, default 100) and ``?offset=``; answers ``{items, count}``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0)


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
