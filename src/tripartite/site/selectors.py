"""The home page's to-do lists: what each role has to act on, first.

On the top floor because a to-do list reads every app. Each list asks the predicate of the
app whose pages it links to, so a role sees the lists of its work only, and costs a fixed
number of queries whatever the number of rows (``tests/site/test_home.py``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tripartite.accounts.models import Role, User
from tripartite.accounts.permissions import has_role
from tripartite.correspondence import selectors as correspondence
from tripartite.correspondence.permissions import can_manage_correspondence
from tripartite.delegations import evaluation
from tripartite.delegations import permissions as delegations
from tripartite.delegations.lists import list_title
from tripartite.delegations.models import (
    CredentialsSettings,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
    Objection,
    ObjectionStatus,
    PublishedList,
)
from tripartite.meetings.models import MeetingType, Session
from tripartite.proposals import permissions as proposals
from tripartite.proposals.models import Consultation, MeetingProposal, ProposalState
from tripartite.votes import permissions as votes
from tripartite.votes.models import Ballot, Vote, VoteParticipation, VoteState

SHOWN = 8  # tasks shown per list; the rest are counted and linked


@dataclass
class Task:
    label: str
    url: str
    detail: str = ""
    due: dt.date | None = None
    late: bool = False


@dataclass
class TodoList:
    key: str
    title: str
    empty: str
    tasks: list[Task] = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.tasks), 0)


def _listed(todo: TodoList, queryset, task) -> TodoList:
    """The first ``SHOWN`` rows of ``queryset`` as tasks, and how many there are (two
    queries)."""
    rows = list(queryset[:SHOWN])
    todo.tasks = [task(row) for row in rows]
    todo.total = len(rows) if len(rows) < SHOWN else queryset.count()
    return todo


# --- the focal point ----------------------------------------------------------------------------

def _open_queries(user: User) -> TodoList:
    queries = (DelegationQuery.objects
               .filter(delegation__member_state_id=user.member_state_id, answered_at__isnull=True)
               .select_related("delegation__session", "delegation__member_state")
               .order_by("created_at", "id"))

    def task(query):
        delegation = query.delegation
        return Task(Truncator(query.question).chars(90), reverse(
            "delegations:portal_delegation",
            kwargs={"session_pk": delegation.session_id,
                    "iso2": delegation.member_state.iso2}) + "#queries",
            detail=delegation.session.title)

    return _listed(TodoList("queries", _("Queries from the Office to answer"),
                            _("No query is waiting for your answer.")), queries, task)


def _credentials_deadlines(user: User, now: dt.datetime) -> TodoList:
    """The coming sessions whose delegations the focal point nominates, with the deadline
    and where their delegation stands (three queries)."""
    sessions = list(Session.objects.filter(
        meeting__type__in=(MeetingType.ILC, MeetingType.REGIONAL), closes_at__gte=now)
        .select_related("meeting").order_by("opens_at", "id")[:SHOWN])
    settings = {s.session_id: s for s in CredentialsSettings.objects.filter(
        session__in=sessions)}
    delegations_ = {d.session_id: d for d in Delegation.objects.filter(
        session__in=sessions, member_state_id=user.member_state_id)}
    today = now.date()
    todo = TodoList("deadlines", _("Credentials to submit"),
                    _("No coming session awaits your credentials."),
                    more_url=reverse("delegations:portal"))
    iso2 = user.member_state.iso2 if user.member_state else ""
    for session in sessions:
        deadline = evaluation.credentials_deadline(session, settings.get(session.pk))
        delegation = delegations_.get(session.pk)
        status = (delegation.get_status_display() if delegation
                  else DelegationStatus.NOT_RECEIVED.label)
        submitted = bool(delegation and delegation.submitted)
        todo.tasks.append(Task(
            session.title,
            reverse("delegations:portal_delegation",
                    kwargs={"session_pk": session.pk, "iso2": iso2}),
            detail=str(status), due=deadline, late=not submitted and deadline < today))
    todo.total = len(todo.tasks)
    return todo


# --- the secretariat ------------------------------------------------------------------------------

def _delegations_to_review() -> TodoList:
    waiting = (Delegation.objects
               .filter(status__in=(DelegationStatus.RECEIVED, DelegationStatus.UNDER_REVIEW))
               .select_related("member_state", "session").order_by("submitted_at", "id"))

    def task(delegation):
        return Task(f"{delegation.member_state} — {delegation.session.title}",
                    reverse("delegations:review_delegation", kwargs={"pk": delegation.pk}),
                    detail=str(delegation.get_status_display()),
                    due=delegation.received_on)

    return _listed(TodoList("review", _("Delegations to review"),
                            _("No delegation is waiting for review."),
                            more_url=reverse("delegations:credentials_index")), waiting, task)


def _proposal_task(proposal) -> Task:
    return Task(str(proposal), reverse("proposals:detail", kwargs={"pk": proposal.pk}),
                detail=f"{proposal.unit} — {proposal.get_state_display()}")


def _proposals_waiting() -> TodoList:
    waiting = (MeetingProposal.objects
               .filter(state__in=(ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW))
               .order_by("updated_at", "id"))
    return _listed(TodoList("proposals", _("Meeting proposals waiting for the secretariat"),
                            _("No proposal is waiting."),
                            more_url=reverse("proposals:pipeline")), waiting, _proposal_task)


def _letters_awaiting_replies(today: dt.date) -> TodoList:
    def task(letter):
        return Task(f"{letter.reference} — {letter.recipient_name}",
                    reverse("correspondence:letter_detail", kwargs={"pk": letter.pk}),
                    detail=Truncator(letter.subject).chars(90), due=letter.reply_deadline,
                    late=letter.reply_deadline < today)

    return _listed(TodoList("letters", _("Letters awaiting replies"),
                            _("No letter is awaiting a reply."),
                            more_url=reverse("correspondence:awaiting")),
                   correspondence.awaiting_reply(), task)


# --- the group secretariats and the units ---------------------------------------------------

def _proposals_awaiting_opinion(user: User) -> TodoList:
    answered = Consultation.objects.filter(proposal=OuterRef("pk"), group=user.group)
    waiting = (MeetingProposal.objects.filter(state=ProposalState.IN_CONSULTATION)
               .exclude(Exists(answered)).order_by("updated_at", "id"))
    return _listed(TodoList("opinions", _("Proposals awaiting your group's opinion"),
                            _("No proposal is waiting for your group's opinion."),
                            more_url=reverse("proposals:pipeline")), waiting, _proposal_task)


def _unit_proposals(user: User) -> TodoList:
    waiting = (MeetingProposal.objects
               .filter(unit=user.unit, state__in=(ProposalState.DRAFT, ProposalState.RETURNED))
               .order_by("-updated_at", "-id"))
    return _listed(TodoList("drafts", _("Your unit's proposals to complete"),
                            _("No draft or returned proposal."),
                            more_url=reverse("proposals:pipeline")), waiting, _proposal_task)


# --- the delegate -------------------------------------------------------------------------------

def _delegate_sessions(user: User):
    return Nomination.objects.filter(person_id=user.person_id,
                                     withdrawn_in_amendment__isnull=True).values("delegation__session")


def _open_votes(user: User) -> TodoList:
    """Open votes of the delegate's sessions, and whether they voted (one query for both)."""
    voted = (Q(Exists(Ballot.objects.filter(vote=OuterRef("pk"), voter_id=user.person_id)))
             | Q(Exists(VoteParticipation.objects.filter(vote=OuterRef("pk"),
                                                         voter_id=user.person_id))))
    open_ = (Vote.objects.filter(state=VoteState.OPEN, session__in=_delegate_sessions(user))
             .select_related("session").annotate(has_voted=voted).order_by("opened_at", "id"))

    def task(vote):
        return Task(vote.subject, reverse("votes:vote_ballot", kwargs={"pk": vote.pk}),
                    detail=(_("You have voted.") if vote.has_voted else _("Not voted yet."))
                    + " " + vote.session.title)

    return _listed(TodoList("votes", _("Votes open now"), _("No vote is open at the moment."),
                            more_url=reverse("votes:index")), open_, task)


def _documents(user: User) -> TodoList:
    """The latest published lists of delegations and results of the delegate's sessions."""
    sessions = _delegate_sessions(user)
    lists = list(PublishedList.objects.filter(session__in=sessions)
                 .select_related("session").order_by("-published_at", "-id")[:SHOWN])
    results = list(Vote.objects.filter(state=VoteState.PUBLISHED, session__in=sessions)
                   .select_related("session").order_by("-updated_at", "-id")[:SHOWN])
    tasks = [(published.published_at, Task(
        list_title(published.kind, published.number),
        reverse("delegations:list_published", kwargs={"pk": published.pk}),
        detail=published.session.title)) for published in lists]
    tasks += [(vote.updated_at, Task(
        _("Result: %(subject)s") % {"subject": vote.subject},
        reverse("votes:vote_result", kwargs={"pk": vote.pk}), detail=vote.session.title))
        for vote in results]
    tasks.sort(key=lambda pair: pair[0], reverse=True)
    todo = TodoList("documents", _("Documents of your sessions"),
                    _("No document has been published for your sessions yet."))
    todo.tasks = [task for _at, task in tasks[:SHOWN]]
    todo.total = len(todo.tasks)
    return todo


# --- the Credentials Committee ------------------------------------------------------------------

OPEN_OBJECTIONS = (ObjectionStatus.PENDING, ObjectionStatus.UNDER_EXAMINATION,
                   ObjectionStatus.RECEIVABILITY_AT_CONFERENCE, ObjectionStatus.AT_CONFERENCE)


def _objections() -> TodoList:
    waiting = (Objection.objects.filter(status__in=OPEN_OBJECTIONS)
               .select_related("session", "delegation__member_state", "nomination__person")
               .order_by("lodged_at", "id"))

    def task(objection):
        about = objection.delegation.member_state if objection.delegation_id else ""
        if objection.nomination_id:
            about = f"{about} — {objection.nomination.person}"
        return Task(f"{objection.get_kind_display()}: {about}",
                    reverse("delegations:committee_objection", kwargs={"pk": objection.pk}),
                    detail=f"{objection.get_status_display()} — {objection.session.title}")

    return _listed(TodoList("objections", _("Objections and complaints to decide"),
                            _("No objection or complaint is waiting for a decision."),
                            more_url=reverse("delegations:credentials_index")), waiting, task)


def todo_lists(user: User, now: dt.datetime) -> list[TodoList]:
    """The to-do lists of ``user``'s role, in the order they are shown."""
    lists: list[TodoList] = []
    if has_role(user, Role.FOCAL_POINT) and user.member_state_id:
        lists += [_open_queries(user), _credentials_deadlines(user, now)]
    if delegations.can_review_credentials(user):
        lists.append(_delegations_to_review())
    if delegations.can_decide_objections(user):
        lists.append(_objections())
    if proposals.can_run_pipeline(user):
        lists.append(_proposals_waiting())
    if can_manage_correspondence(user):
        lists.append(_letters_awaiting_replies(now.date()))
    if has_role(user, Role.GROUP_SECRETARIAT) and user.group:
        lists.append(_proposals_awaiting_opinion(user))
    if has_role(user, Role.UNIT_OFFICER) and user.unit:
        lists.append(_unit_proposals(user))
    if votes.can_vote_electronically(user) and user.person_id:
        lists += [_open_votes(user), _documents(user)]
    return lists
