"""Every write to votes, one module per step: ``opening`` (create, open), ``ballots`` (cast,
roll call, show-of-hands totals, substitutes), ``results`` (tally, close, publish, correct),
``secrecy`` (the counts of secret ballots), ``base`` (the right, the lock, the state).
Callers use the names below from the package.
"""

from tripartite.votes.services.ballots import (
    appointments_held,
    ballot_cast,
    roll_call_enter,
    show_of_hands_totals_enter,
    substitute_appoint,
)
from tripartite.votes.services.opening import (
    quorum_preview,
    vote_create,
    vote_open,
)
from tripartite.votes.services.results import (
    compute_result,
    explanation,
    required_text,
    result_correct,
    results_sheet_queue,
    tally,
    vote_close,
    vote_publish,
)

__all__ = [
    "appointments_held",
    "results_sheet_queue",
    "ballot_cast",
    "compute_result",
    "explanation",
    "quorum_preview",
    "required_text",
    "result_correct",
    "roll_call_enter",
    "show_of_hands_totals_enter",
    "substitute_appoint",
    "tally",
    "vote_close",
    "vote_create",
    "vote_open",
    "vote_publish",
]
