"""The kinds of decision a vote takes, and what each requires: its majority, the voting body,
the method.

Rules CON-5, CON-8, CON-9 and ILC-1 of ``../shared/domain/ilo-rules.md``. The Constitution
decides every matter by a simple majority of the votes cast (art. 17(2)) except where it says
otherwise: the decisions of ``voting.TWO_THIRDS_DECISIONS`` need two-thirds of the votes cast
by the delegates present, and the admission of a Member has two requirements of its own
(art. 1(4)). They are decisions of the Conference, taken in its plenary. The final vote on a
Convention or Recommendation is a record vote (ILC Standing Orders (2008) art. 19, ILC-1:
"final record vote"); so are the final votes the Standing Orders put under the same procedure
(art. 11: abrogation of a Convention, amendments to the Constitution).

``prepare_vote`` says whether a vote may be prepared as asked and which majority it then has;
``majority_provision`` is the provision a result cites for its majority: the article that
applies to the decision voted on, not every article that requires two-thirds.

The method and the voting body are the plain values the votes app stores: ``record``,
``show_of_hands``, ``secret``; ``plenary``, ``committee``, ``governing_body``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from tripartite.rules.catalogue import text
from tripartite.rules.findings import Finding, Severity
from tripartite.rules.voting import (
    ADMISSION,
    MAJORITY_ARTICLE,
    MAJORITY_SIMPLE,
    TWO_THIRDS_DECISIONS,
    Majority,
)

OTHER = "other"
ADMISSION_OF_MEMBER = "admission_of_member"
# The admission of a Member is no plain majority: two-thirds of the delegates attending,
# including two-thirds of the Government delegates present and voting (CON-9).
ADMISSION_MAJORITY = "admission_of_member"
RECORD_VOTE = "ILC Standing Orders (2008) arts 11, 19"
PLENARY = "plenary"
RECORD = "record"
SECRET = "secret"


@dataclass(frozen=True)
class Decision:
    key: str
    name: Mapping[str, str] = field(hash=False, compare=False)  # in en, fr, es
    majority: str | None  # None: chosen when the vote is prepared (simple by default)
    provision: str  # the provision that requires the majority
    record_vote: str = ""  # the provision requiring a record vote, "" when none does
    conference_only: bool = True
    secret_ballot_allowed: bool = True


def _two_thirds(key: str, name: Mapping[str, str], record_vote: str = "") -> Decision:
    return Decision(key, name, Majority.TWO_THIRDS.value, TWO_THIRDS_DECISIONS[key],
                    record_vote=record_vote)


# In the order the secretariat meets them; the keys are the votes app's choices.
DECISIONS: dict[str, Decision] = {decision.key: decision for decision in (
    Decision(OTHER, text("another decision"), None, MAJORITY_SIMPLE, conference_only=False),
    _two_thirds("adopt_convention_or_recommendation",
                text("the final vote on a Convention or Recommendation"), RECORD_VOTE),
    _two_thirds("refuse_credentials", text("the refusal to admit a delegate or adviser")),
    _two_thirds("restore_vote_in_arrears",
                text("the restoration of the vote of a Member in arrears")),
    Decision(ADMISSION_OF_MEMBER, text("the admission of a Member"), ADMISSION_MAJORITY,
             ADMISSION, secret_ballot_allowed=False),
    _two_thirds("adopt_constitutional_amendment",
                text("the adoption of an amendment to the Constitution"), RECORD_VOTE),
    _two_thirds("abrogate_convention", text("the abrogation of a Convention"), RECORD_VOTE),
    _two_thirds("keep_item_objected_to",
                text("keeping on the agenda an item objected to")),
    _two_thirds("new_agenda_item",
                text("placing a new item on the agenda of the next session")),
    _two_thirds("move_seat", text("moving the seat of the International Labour Office")),
    _two_thirds("financial_arrangements", text("financial and budgetary arrangements")),
)}

MAJORITY_NAMES = {
    Majority.SIMPLE.value: text("a simple majority of the votes cast"),
    Majority.TWO_THIRDS.value: text("a two-thirds majority of the votes cast"),
    ADMISSION_MAJORITY: text(
        "two-thirds of the delegates attending, including two-thirds of the Government "
        "delegates present and voting"),
}


def decision(key: str) -> Decision:
    try:
        return DECISIONS[key]
    except KeyError:
        raise ValueError(f"unknown kind of decision: {key!r} "
                         f"(expected one of: {', '.join(DECISIONS)})") from None


def majority_provision(key: str, majority: str) -> str:
    """The provision a result cites for the majority of a vote on decision ``key``: the
    article of that decision; for another decision, art. 17(2) (simple) or the Standing
    Orders' article on the majority (two-thirds required by the body's own rules)."""
    chosen = decision(key)
    if chosen.majority is not None:
        if chosen.majority == ADMISSION_MAJORITY:
            return chosen.provision
        return f"{chosen.provision}; {MAJORITY_ARTICLE}"
    return MAJORITY_SIMPLE if majority == Majority.SIMPLE else MAJORITY_ARTICLE


@dataclass(frozen=True)
class Preparation:
    decision: str
    majority: str  # the majority the vote has
    record_vote_required: bool
    findings: tuple[Finding, ...]
    faults: tuple[str, ...] = ()  # the input at fault for each error: body, majority, method

    @property
    def allowed(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


def prepare_vote(key: str, *, majority: str | None, method: str, body: str) -> Preparation:
    """Whether a vote on decision ``key`` may be prepared with ``majority`` (None: the one
    the decision requires), ``method`` and ``body``, and the majority it then has.

    A decision the Constitution gives to the Conference is taken in the plenary; a decision
    with its own majority cannot be prepared with another; a final vote the Standing Orders
    take by record vote cannot be a show of hands or a secret ballot; the admission of a
    Member needs the Government delegates' votes known, so no secret ballot.
    """
    chosen = decision(key)
    name, findings, faults = chosen.name, [], []
    if chosen.conference_only and body != PLENARY:
        faults.append("body")
        findings.append(Finding("CON-8", chosen.provision, Severity.ERROR, text(
            "This vote is on %(decision)s, a decision of the Conference (%(provision)s): it is "
            "taken in the plenary, not by a committee or the Governing Body.",
            decision=name, provision=chosen.provision)))
    if chosen.majority is None:
        applied = majority or Majority.SIMPLE.value
        if applied == ADMISSION_MAJORITY:
            faults.append("majority")
            findings.append(Finding("CON-9", ADMISSION, Severity.ERROR, text(
                "The majority of the admission of a Member (%(provision)s) applies only to that "
                "decision: choose the admission of a Member as the kind of decision.",
                provision=ADMISSION)))
        elif applied not in MAJORITY_NAMES:
            raise ValueError(f"unknown majority: {applied!r}")
    else:
        applied = chosen.majority
        if majority is not None and majority != chosen.majority:
            faults.append("majority")
            findings.append(Finding("CON-8", chosen.provision, Severity.ERROR, text(
                "%(decision)s requires %(majority)s (%(provision)s): it cannot be prepared with "
                "another majority.",
                decision=_capitalised(name), majority=MAJORITY_NAMES[chosen.majority],
                provision=chosen.provision)))
    if chosen.record_vote and method != RECORD:
        faults.append("method")
        findings.append(Finding("ILC-1", chosen.record_vote, Severity.ERROR, text(
            "%(decision)s is taken by a record vote (%(provision)s): it cannot be prepared as "
            "a show of hands or a secret ballot.",
            decision=_capitalised(name), provision=chosen.record_vote)))
    if not chosen.secret_ballot_allowed and method == SECRET:
        faults.append("method")
        findings.append(Finding("CON-9", chosen.provision, Severity.ERROR, text(
            "%(decision)s needs the Government delegates' votes to be known (%(provision)s): "
            "it cannot be taken by secret ballot.",
            decision=_capitalised(name), provision=chosen.provision)))
    if not findings:
        findings.append(Finding("CON-8", majority_provision(key, applied), Severity.INFO, text(
            "A vote on %(decision)s requires %(majority)s (%(provision)s).",
            decision=name, majority=MAJORITY_NAMES[applied],
            provision=majority_provision(key, applied))))
    return Preparation(key, applied, bool(chosen.record_vote), tuple(findings), tuple(faults))


def _capitalised(name: Mapping[str, str]) -> dict[str, str]:
    return {language: phrase[:1].upper() + phrase[1:] for language, phrase in name.items()}
