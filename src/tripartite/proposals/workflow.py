"""The pipeline of a meeting proposal: which state may follow which, and who moves it.

    draft ──submit──▶ submitted ──review──▶ under review ──consult──▶ in consultation
      ▲                  │                      │  │                      │  │
      │                  └──return──▶ returned ◀┘  └──hold──▶ held ◀──────┘  │
      │                                  │                    │   ▲          │
      └─── (never back to draft)   resubmit                   │   │      send to the Officers
                                                              ▼   │          ▼
                                                  under review, in consultation
                                                                             │
                              approved ◀── decision ──┬── not approved       │
                                 │                    └── deferred: held ◀───┘
                          report received

``TRANSITIONS[state][next_state]`` names who may make the move: ``"unit"`` is the proposing
unit (and the secretariat on its behalf), ``"secretariat"`` the secretariat only. A move that
is not in the table is refused: a proposal is never approved without having been reviewed,
consulted on and sent to the Officers, and never goes back to draft.
"""

from tripartite.proposals.models import ProposalState as S

UNIT, SECRETARIAT = "unit", "secretariat"

TRANSITIONS: dict[str, dict[str, str]] = {
    S.DRAFT: {S.SUBMITTED: UNIT},
    S.SUBMITTED: {S.UNDER_REVIEW: SECRETARIAT, S.RETURNED: SECRETARIAT},
    S.UNDER_REVIEW: {S.RETURNED: SECRETARIAT, S.IN_CONSULTATION: SECRETARIAT,
                     S.HELD: SECRETARIAT},
    S.RETURNED: {S.SUBMITTED: UNIT},
    S.IN_CONSULTATION: {S.WITH_OFFICERS: SECRETARIAT, S.RETURNED: SECRETARIAT,
                        S.HELD: SECRETARIAT},
    S.WITH_OFFICERS: {S.APPROVED: SECRETARIAT, S.NOT_APPROVED: SECRETARIAT,
                      S.HELD: SECRETARIAT},
    # Taken up again through the consultation, never straight to the Officers: a proposal
    # held before it was consulted on cannot skip its consultation.
    S.HELD: {S.UNDER_REVIEW: SECRETARIAT, S.IN_CONSULTATION: SECRETARIAT},
    S.APPROVED: {S.REPORT_RECEIVED: SECRETARIAT},
    S.NOT_APPROVED: {},
    S.REPORT_RECEIVED: {},
}

# The states in which the proposing unit may still change its proposal.
EDITABLE_BY_UNIT = frozenset({S.DRAFT, S.RETURNED})
# The states in which the secretariat may correct it (before it goes to the Officers).
EDITABLE_BY_SECRETARIAT = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED,
                                     S.IN_CONSULTATION, S.HELD})
# The states after the Officers' decision (or without one).
DECIDED = frozenset({S.APPROVED, S.NOT_APPROVED, S.REPORT_RECEIVED})
# The states a group secretariat sees a proposal in: from its consultation on.
VISIBLE_TO_GROUPS = frozenset({S.IN_CONSULTATION, S.WITH_OFFICERS, S.APPROVED, S.NOT_APPROVED,
                               S.HELD, S.REPORT_RECEIVED})


def allowed(state: str, next_state: str) -> bool:
    return next_state in TRANSITIONS.get(state, {})


def mover(state: str, next_state: str) -> str | None:
    """Who may move a proposal from ``state`` to ``next_state``; None if nobody may."""
    return TRANSITIONS.get(state, {}).get(next_state)
