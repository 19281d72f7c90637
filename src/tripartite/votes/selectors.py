"""Reads of votes: a session's votes, a voter's state in a vote, the results sheet."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, QuerySet, Sum

from tripartite.common.text import sort_key
from tripartite.meetings.models import Session
from tripartite.votes.models import (
    Ballot,
    Method,
    SecretTally,
    Vote,
    VoteParticipation,
    VoteState,
)

GROUP_ORDER = {"government": 0, "employers": 1, "workers": 2}
LANGUAGES = ("en", "fr", "es")


def session_votes(session: Session) -> QuerySet[Vote]:
    """The votes of ``session``, newest first, with what their rows show (one query)."""
    return (Vote.objects.filter(session=session)
            .select_related("agenda_item", "committee", "result")
            .annotate(ballot_count=Count("ballots", distinct=True),
                      participation_count=Count("participations", distinct=True))
            .order_by("-created_at", "-id"))


def open_votes() -> QuerySet[Vote]:
    return (Vote.objects.filter(state=VoteState.OPEN)
            .select_related("session", "agenda_item", "committee").order_by("opened_at", "id"))


def voted(vote: Vote, person_ids: Iterable[int]) -> dict[int, str | None]:
    """Person id -> their choice, for those of ``person_ids`` who voted (one query). A secret
    ballot's choice is not stored with the voter: None for them."""
    if vote.method == Method.SECRET:
        return dict.fromkeys(VoteParticipation.objects.filter(
            vote=vote, voter_id__in=person_ids).values_list("voter_id", flat=True))
    return dict(Ballot.objects.filter(vote=vote, voter_id__in=person_ids)
                .values_list("voter_id", "choice"))


def ballots_cast(vote: Vote) -> int:
    if vote.method == Method.SECRET:
        return VoteParticipation.objects.filter(vote=vote).count()
    return Ballot.objects.filter(vote=vote).count()


def secret_ballot_count(vote: Vote) -> int:
    """The ballots counted in the tallies of a secret vote (equals its participations)."""
    total = SecretTally.objects.filter(vote=vote).aggregate(total=Sum("count"))["total"]
    return total or 0


def state_name(row: Mapping[str, Any], language: str) -> str:
    return row.get(f"member_state__name_{language}") or row.get("member_state__name_en") or ""


def results_sheet(vote: Vote, language: str) -> list[dict[str, Any]]:
    """For a record vote: each member State (in the order of its name in ``language``), its
    delegates' ballots by group, with the names in all three languages. One query."""
    rows = (Ballot.objects.filter(vote=vote)
            .values("member_state_id", "member_state__name_en", "member_state__name_fr",
                    "member_state__name_es",
                    "voter__name", "voter__name_latin", "cast_by_id", "voter_id",
                    "cast_by__name", "group", "choice", "weight_numerator",
                    "weight_denominator"))
    states: dict[int | None, dict[str, Any]] = {}
    for row in rows:
        state = states.setdefault(row["member_state_id"], {
            "names": {lang: state_name(row, lang) for lang in LANGUAGES},
            "name": state_name(row, language), "ballots": [],
            "totals": {"yes": 0, "no": 0, "abstain": 0}})
        state["ballots"].append({
            "name": row["voter__name"], "group": row["group"], "choice": row["choice"],
            "substitute": row["cast_by__name"] if row["cast_by_id"] != row["voter_id"] else "",
            "weight": (f"{row['weight_numerator']}" if row["weight_denominator"] == 1 else
                       f"{row['weight_numerator']}/{row['weight_denominator']}")})
        state["totals"][row["choice"]] += 1
    for state in states.values():
        state["ballots"].sort(key=lambda b: (GROUP_ORDER[b["group"]], sort_key(b["name"])))
    return sorted(states.values(), key=lambda s: sort_key(s["name"]))
