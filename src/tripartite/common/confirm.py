"""One confirmation step before an official or irreversible act.

The act's button posts its form as before. The view, after its permission check, asks
``is_confirmed(request)``; until the post carries ``confirm=yes`` it answers with
``confirmation_page``: one template (``common/confirm.html``, its card in
``common/_confirm.html`` for a panel swapped by htmx) that says what will be recorded, on
whose behalf and what follows, and posts the same fields back with ``confirm=yes``. Only
then does the view call the service. Two ordinary forms: no JavaScript needed, and the
confirm button is the first thing the keyboard reaches after the facts.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"
# Fields of the first post that are not carried to the confirmation's form.
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says. ``facts`` are (label, value) pairs of what will be
    recorded; ``on_behalf_of`` names whom the act commits; ``consequence`` what cannot be
    undone afterwards."""

    title: str
    button: str
    cancel_url: str
    facts: Sequence[tuple[str, str]] = field(default_factory=tuple)
    on_behalf_of: str = ""
    consequence: str = ""
    danger: bool = False
    warning: str = ""  # e.g. the session is over (``Session.closed_warning``)


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def carried_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted fields, sent back unchanged with the confirmation (files are not: an act
    that uploads is confirmed before its upload, never after)."""
    return [(name, value) for name, values in request.POST.lists() if name not in NOT_CARRIED
            for value in values]


def confirmation_page(request: HttpRequest, confirmation: Confirmation, *,
                      template: str = "common/confirm.html", htmx_target: str = "",
                      extra: dict | None = None) -> HttpResponse:
    """The confirmation step of the act posted to this address (nothing is written)."""
    return render(request, template, {
        "confirmation": confirmation, "action": request.get_full_path(),
        "carried": carried_fields(request), "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE, "htmx_target": htmx_target, **(extra or {})})
