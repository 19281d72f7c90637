"""Demo votes of a session of the Conference, decided by the rules like real ones:

- the final record vote on the platform-economy Convention (agenda item IV), two-thirds
  majority, ballots of the registered delegates entitled to vote, closed and published;
- a show of hands on a resolution (agenda item VI), totals entered, closed and published;
- an open record vote (agenda item V) in which the demo login "delegate" can vote.

The voters are read once (``registration.attendance.registered_voters``: the credentials'
verdict and the desk's registrations); ballots are written in bulk and the results are
computed by ``votes.services`` (``tally`` and ``compute_result``, i.e. tripartite.rules).
The demo "delegate" login is linked to a delegate by demo/registration.py; it is left out
of the published votes so that it has a vote to cast in the open one.
"""

import datetime as dt
import random

from tripartite.accounts.models import User
from tripartite.common.services import log_action
from tripartite.delegations.models import Nomination
from tripartite.registration.attendance import registered_voters
from tripartite.rules.voting import quorum_from_entitled
from tripartite.rules.weighting import fraction_text
from tripartite.votes import services
from tripartite.votes.models import (
    Ballot,
    Result,
    ShowOfHandsTotals,
    Vote,
    VoteState,
)

SEED = 2026
DELEGATE_LOGIN = "delegate"
GROUPS = ("government", "employers", "workers")

RECORD_SUBJECT = (
    "Final record vote on the Convention concerning decent work in the platform economy",
    "Vote final par appel nominal sur la convention concernant le travail décent dans "
    "l'économie de plateforme",
    "Votación nominal final sobre el convenio relativo al trabajo decente en la economía de "
    "plataformas")
HANDS_SUBJECT = (
    "Resolution concerning innovative approaches to tackling informality",
    "Résolution concernant des approches novatrices pour lutter contre l'informalité",
    "Resolución relativa a enfoques innovadores para hacer frente a la informalidad")
OPEN_SUBJECT = (
    "Resolution concerning the recurrent discussion on fundamental principles and rights at "
    "work",
    "Résolution concernant la discussion récurrente sur les principes et droits "
    "fondamentaux au travail",
    "Resolución relativa a la discusión recurrente sobre los principios y derechos "
    "fundamentales en el trabajo")


def _vote(session, item, subject, **kwargs) -> Vote:
    en, fr, es = subject
    return Vote(session=session, agenda_item=item, subject_en=en, subject_fr=fr,
                subject_es=es, **kwargs)


def _close(vote, at, *, publish=True) -> Result:
    counts = services.tally(vote)
    outcome = services.compute_result(vote, counts)
    result = Result.objects.create(
        vote=vote, yes=fraction_text(outcome.yes), no=fraction_text(outcome.no),
        abstain=fraction_text(counts["abstain"]), cast=fraction_text(outcome.cast),
        quorum=outcome.quorum, required=services.required_text(outcome),
        outcome=str(outcome.outcome), ballots=counts["ballots"],
        explanation=services.explanation(outcome), computed_at=at)
    vote.state = VoteState.PUBLISHED if publish else VoteState.CLOSED
    vote.closed_at, vote.published_at = at, at + dt.timedelta(minutes=20) if publish else None
    vote.save(update_fields=["state", "closed_at", "published_at", "updated_at"])
    return result


def create_votes(session) -> dict[str, int]:
    """The demo votes of ``session`` (unless it has some already)."""
    if Vote.objects.filter(session=session).exists():
        return {"votes": Vote.objects.filter(session=session).count()}
    items = {item.number: item for item in session.agenda_items.all()}
    rng = random.Random(f"{SEED}:votes")
    staff = User.objects.filter(username="secretariat").first()
    # The day before the load day (demo/clock.py): done whatever the hour of loading.
    record_at = session.opens_at + dt.timedelta(days=9, hours=1)
    voters = registered_voters(session, record_at)
    base = dict.fromkeys(GROUPS, 0)
    for group in voters.values():
        base[group] += 1
    base["total"] = sum(base[g] for g in GROUPS)
    quorum = quorum_from_entitled(base["total"])
    opened = {"quorum_source": "attendance", "quorum": quorum, "quorum_base": base,
              "opened_by": staff, "closed_by": staff, "published_by": staff,
              "created_by": staff}
    delegate_person = (User.objects.filter(username=DELEGATE_LOGIN)
                       .values_list("person_id", flat=True).first())

    record = _vote(session, items.get("IV"), RECORD_SUBJECT, method="record",
                   decision="adopt_convention_or_recommendation", majority="two_thirds",
                   opened_at=record_at, **opened)
    hands = _vote(session, items.get("VI"), HANDS_SUBJECT, method="show_of_hands",
                  majority="simple", opened_at=record_at + dt.timedelta(hours=2), **opened)
    still_open = _vote(session, items.get("V"), OPEN_SUBJECT, method="record",
                       majority="simple", quorum_source="attendance", quorum=quorum,
                       quorum_base=base, state=VoteState.OPEN, opened_by=staff,
                       created_by=staff, opened_at=session.opens_at + dt.timedelta(days=3))
    Vote.objects.bulk_create([record, hands, still_open])
    record.state = hands.state = VoteState.OPEN

    nominations = Nomination.objects.filter(pk__in=voters).values_list(
        "pk", "person_id", "delegation__member_state_id", "group").order_by("pk")
    ballots = []
    for pk, person, state, group in nominations:
        if person == delegate_person or rng.random() < 0.12:  # absent from the vote
            continue
        draw = rng.random()
        choice = "yes" if draw < 0.83 else "no" if draw < 0.9 else "abstain"
        ballots.append(Ballot(vote=record, voter_id=person, cast_by_id=person,
                              nomination_id=pk, member_state_id=state, group=group,
                              choice=choice,
                              cast_at=record_at + dt.timedelta(seconds=rng.randint(5, 240))))
    Ballot.objects.bulk_create(ballots, batch_size=1000)
    record_result = _close(record, record_at + dt.timedelta(minutes=5))

    present = int(base["total"] * 0.7)
    yes = int(present * 0.8)
    no = int(present * 0.12)
    ShowOfHandsTotals.objects.create(vote=hands, yes=yes, no=no, abstain=present - yes - no,
                                     entered_by=staff)
    hands_result = _close(hands, hands.opened_at + dt.timedelta(minutes=3))

    for vote, result in ((record, record_result), (hands, hands_result)):
        log_action(actor=None, action="votes.vote.published", obj=vote,
                   data={"outcome": result.outcome, "demo": True})
    log_action(actor=None, action="votes.vote.opened", obj=still_open,
               data={"quorum": quorum, "base": base, "demo": True})
    return {"votes": 3, "ballots": len(ballots)}
