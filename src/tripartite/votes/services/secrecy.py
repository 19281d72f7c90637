"""Secret ballots: counts per choice and weight (``SecretTally``), never a row per ballot.

A secret ballot adds its voter to the participations and one to a count; nothing else.
``count_secret_ballot`` says why every count of the vote is rewritten by every ballot;
docs/votes.md says what remains visible to whom.
"""

from fractions import Fraction

from django.db import connection
from django.db.models import Case, F, Value, When

from tripartite.accounts.models import User
from tripartite.common.services import log_action
from tripartite.votes.models import (
    Choice,
    SecretTally,
    Vote,
    VoteParticipation,
)


def secret_tallies_for(vote: Vote, weight: Fraction) -> None:
    """The counts of ``vote`` for every choice with ``weight``, made together if missing.

    ``vote_open`` makes them for every weight of the electorate; a weight first met during the
    vote (a committee whose membership changed) gets its three rows from the ballot that
    brings it, all at once and in the same order, so the insertion tells that weight (the
    voter's group, already public on the participation) and never the choice."""
    if SecretTally.objects.filter(vote=vote, weight_numerator=weight.numerator,
                                  weight_denominator=weight.denominator).exists():
        return
    SecretTally.objects.bulk_create([
        SecretTally(vote=vote, choice=choice, weight_numerator=weight.numerator,
                    weight_denominator=weight.denominator) for choice in Choice.values])


def count_secret_ballot(vote: Vote, *, choice: str, weight: Fraction) -> None:
    """Add one to the count of ``choice`` with ``weight``, under the vote's row lock.

    One UPDATE rewrites every count of the vote (``+ 1`` on the chosen row, ``+ 0`` on the
    others): on PostgreSQL each row gets a new version with this transaction's ``xmin`` and a
    new ``ctid``, on SQLite each cell is rewritten, whatever the choice, so neither the system
    columns nor the physical order tell which count moved. On SQLite, ``secure_delete`` makes
    the page forget the bytes of a cell that grew (the old count would stay in free space)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = FAST")
    secret_tallies_for(vote, weight)
    chosen = When(choice=choice, weight_numerator=weight.numerator,
                  weight_denominator=weight.denominator, then=Value(1))
    SecretTally.objects.filter(vote=vote).update(
        count=F("count") + Case(chosen, default=Value(0)))


def seal_secret_tallies(vote: Vote) -> None:
    """Rewrite the counts in the closing transaction: afterwards their ``xmin`` (PostgreSQL)
    is the close's, not the last ballot's, so they point at no participation at all."""
    SecretTally.objects.filter(vote=vote).update(count=F("count"))


def log_participants(actor: User, vote: Vote) -> None:
    """One entry for who took part in a secret ballot, by person id: not one per ballot,
    whose ids and times would give the order and the moment of each participation."""
    voters = list(VoteParticipation.objects.filter(vote=vote).order_by("voter_id")
                  .values_list("voter_id", "cast_by_id"))
    log_action(actor=actor, action="votes.secret_ballot.participants", obj=vote, data={
        "voters": [{"voter": voter, "cast_by": cast_by} for voter, cast_by in voters]})
