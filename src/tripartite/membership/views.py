"""Membership pages: a committee's members, weights and history; the Governing Body's members,
replacements and voters at a session.

Reading needs ``can_view_membership``; writing ``can_manage_membership``, checked before
anything is read from a POST. Times are shown and typed in the session's time zone. Every write
goes through ``services``.
"""

from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.common.forms import save_with_service
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.constituents.models import MemberState, Person
from tripartite.delegations.models import ArrearsStatus, Nomination
from tripartite.meetings.models import Committee, MeetingType, Session
from tripartite.membership import permissions, selectors, services
from tripartite.membership.forms import (
    CommitteeMemberAddForm,
    CommitteeReplacementForm,
    EndForm,
    GoverningBodyEndForm,
    GoverningBodyMemberForm,
    GoverningBodyReplacementForm,
    MomentField,
    StateChoiceForm,
)
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeReplacement,
    GoverningBodyMembership,
    GoverningBodyReplacement,
)

GROUPS = ("government", "employers", "workers")


def _require_reader(user):
    if not permissions.can_view_membership(user):
        raise PermissionDenied


def _require_writer(user):
    if not permissions.can_manage_membership(user):
        raise PermissionDenied


def writer_only(view):
    """Logged in, then allowed to write (403), before anything else is read."""
    @wraps(view)
    def checked(request, *args, **kwargs):
        _require_writer(request.user)
        return view(request, *args, **kwargs)

    return login_required(checked)


def writer_post_only(view):
    """As ``writer_only``, for an action answered only to POST: a writer's GET gets 405, anyone
    else's 403 first."""
    return writer_only(require_POST(view))


def _moment(request, session):
    """The moment the page shows: ``?at=`` (in the session's zone), else now kept within the
    session (its opening before it, its last minute after it)."""
    raw = request.GET.get("at")
    if raw:
        try:
            return MomentField().clean(raw)
        except ValidationError:  # a bad moment in the address: the default, and a warning
            messages.warning(request, _("The date and time in the address could not be read; "
                                        "the page shows the default moment."))
    return selectors.default_moment(session, timezone.now())


def _chosen_state(request, states):
    """The member State chosen with ``?state=`` among ``states``, and the chooser's form."""
    chooser = StateChoiceForm(request.GET or None, states=states)
    state = None
    if chooser.is_valid():
        state = MemberState.objects.filter(iso2=chooser.cleaned_data["state"]).first()
    return chooser, state


def _member_add_page(request, *, form, save, success, done, context):
    """A member's addition, to a committee or to the Governing Body: saved through ``save``
    (redirected to ``done``), else the page with the State chooser and the form."""
    if form is not None and save_with_service(request, form, save):
        messages.success(request, success)
        return done
    return render(request, "membership/member_add.html", {"form": form, **context})


def _replacement_page(request, *, form, save, success, done, context):
    """A replacement's record, in a committee or at the Governing Body: saved through
    ``save`` (redirected to ``done``), else the form."""
    if save_with_service(request, form, save):
        messages.success(request, success)
        return done
    return render(request, "membership/form.html", {"form": form, **context})


def _replacement_end(request, replacement, *, session, end, success, done):
    """End a replacement at the moment posted (in the session's time zone), through the
    service ``end``; then back to ``done`` with what happened."""
    with timezone.override(session.zone):
        form = EndForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date and time the replacement ends."))
            return done
        try:
            end(actor=request.user, replacement=replacement, at=form.cleaned_data["at"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
    return done


# --- the index -----------------------------------------------------------------------------------

@login_required
def index(request):
    _require_reader(request.user)
    sessions = (Session.objects.filter(committees__isnull=False).distinct()
                .select_related("meeting").prefetch_related("committees")
                .order_by("-opens_at"))
    return render(request, "membership/index.html", {
        "sessions": sessions, "gb_sessions": selectors.gb_sessions()})


# --- a committee ---------------------------------------------------------------------------

def _committee(pk):
    return get_object_or_404(Committee.objects.select_related("session__meeting"), pk=pk)


def _member_rows(rows, voting):
    """Current members by group, each with their votes or why they hold none."""
    names = {row.person_id: row.person for row in rows}
    instead_of = {deputy: names.get(replaced) for replaced, deputy in voting.replaced.items()}
    by_group = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.kind, str(r.member_state or ""), r.person.name)):
        held = voting.voters.get(row.person_id)
        by_group[row.group].append({
            "membership": row, "votes": held[1] if held else None,
            "why_not": voting.without_vote.get(row.person_id),
            "instead_of": instead_of.get(row.person_id)})
    return [(group, by_group.get(group, [])) for group in GROUPS]


@login_required
def committee_detail(request, pk):
    _require_reader(request.user)
    committee = _committee(pk)
    session = committee.session
    with timezone.override(session.zone):
        at = _moment(request, session)
        voting = selectors.committee_voting(committee, at)
        rows = list(selectors.committee_members_at(committee, at))
        published = selectors.weights_at(committee, at)
        # The published weights no longer match the rules' answer (e.g. arrears changed).
        stale = published is not None and published.voters != {
            str(person): [group, str(weight)]
            for person, (group, weight) in voting.voters.items()}
        can_manage = permissions.can_manage_membership(request.user)
        return render(request, "membership/committee_detail.html", {
            "committee": committee, "session": session, "at": at,
            "groups": _member_rows(rows, voting), "voting": voting,
            "counts": _counts(voting), "totals": voting.totals(),
            "findings": [f.as_dict(current_language()) for f in voting.findings],
            "published": published, "stale": stale,
            "replacements": (selectors.committee_replacements_at(committee, at)
                             .select_related("replaced__person", "deputy__person",
                                             "replaced__member_state",
                                             "deputy__member_state")),
            "changes": selectors.committee_changes(committee),
            "snapshots": selectors.weight_snapshots(committee),
            "can_manage": can_manage,
        })


def _counts(voting):
    counts = dict.fromkeys(GROUPS, 0)
    for group, _weight in voting.voters.values():
        counts[group] += 1
    return counts


@writer_only
def committee_member_add(request, pk):
    committee = _committee(pk)
    session = committee.session
    with timezone.override(session.zone):
        chooser, state = _chosen_state(request, MemberState.objects.filter(
            delegations__session=session).distinct().order_by("name_en"))
        form = None
        if state is not None:
            nominations = (Nomination.objects.filter(
                delegation__session=session, delegation__member_state=state,
                withdrawn_in_amendment__isnull=True)
                .exclude(person__committee_memberships__committee=committee,
                         person__committee_memberships__valid_until__isnull=True)
                .select_related("person").order_by("group", "position", "id"))
            form = CommitteeMemberAddForm(request.POST or None, nominations=nominations,
                                          initial={"at": selectors.default_moment(
                                              session, timezone.now())})

        def save(data):
            nomination = data["nomination"]
            services.committee_member_add(
                actor=request.user, committee=committee, person=nomination.person,
                group=nomination.group, kind=data["kind"], nomination=nomination,
                at=data["at"])

        return _member_add_page(
            request, form=form, save=save,
            success=_("The member was added and the weights were recomputed."),
            done=_redirect_back(committee.pk), context={
                "session": session, "chooser": chooser, "state": state,
                "back": committee, "back_url": "membership:committee_detail",
                "title": f"{_('Add a member')} — {committee.name}",
                "heading": _("Add a member to the committee"),
                "chooser_label": _("Member State whose delegation the member comes from"),
                "chooser_button": _("List its nominations"),
                "no_state": _("Choose a member State with a delegation to this session."),
                "intro": _("The member's group is the one the credentials give. Adding a "
                           "member recomputes the committee's weights from that moment and "
                           "publishes them.")})


def _redirect_back(committee_pk):
    return redirect("membership:committee_detail", pk=committee_pk)


@writer_post_only
def committee_member_end(request, pk):
    membership = get_object_or_404(
        CommitteeMembership.objects.select_related("committee__session", "person"), pk=pk)
    with timezone.override(membership.committee.session.zone):
        form = EndForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date and time the member leaves."))
            return _redirect_back(membership.committee_id)
        try:
            services.committee_member_remove(actor=request.user, membership=membership,
                                             at=form.cleaned_data["at"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s left the committee; the weights were "
                                        "recomputed.") % {"name": membership.person})
    return _redirect_back(membership.committee_id)


@writer_only
def committee_replacement_add(request, pk):
    committee = _committee(pk)
    session = committee.session
    with timezone.override(session.zone):
        at = selectors.default_moment(session, timezone.now())
        members = list(selectors.committee_members_at(committee, at))
        form = CommitteeReplacementForm(request.POST or None, members=members,
                                        initial={"at": at})
        if request.method == "POST":
            # Members current at the moment typed, not only now.
            try:
                moment = MomentField(required=False).clean(request.POST.get("at") or None)
            except ValidationError:
                moment = None  # the form says why
            moment = moment or at
            form = CommitteeReplacementForm(
                request.POST, members=list(selectors.committee_members_at(committee, moment)))

        def save(data):
            services.committee_replacement_record(actor=request.user, replaced=data["replaced"],
                                                  deputy=data["deputy"], at=data["at"])

        return _replacement_page(
            request, form=form, save=save,
            success=_("The replacement was recorded and the weights were recomputed."),
            done=_redirect_back(committee.pk), context={
                "session": session, "back": committee,
                "heading": _("A deputy member replaces a regular member"),
                "intro": _("A deputy Government member votes only in place of a regular "
                           "Government member who asked, in writing, to be replaced "
                           "(SO-2021 art. 36(2))."),
                "back_url": "membership:committee_detail"})


@writer_post_only
def committee_replacement_end(request, pk):
    replacement = get_object_or_404(
        CommitteeReplacement.objects.select_related("committee__session"), pk=pk)
    return _replacement_end(
        request, replacement, session=replacement.committee.session,
        end=services.committee_replacement_end,
        success=_("The replacement ended; the weights were recomputed."),
        done=_redirect_back(replacement.committee_id))


@writer_post_only
def weights_publish(request, pk):
    committee = _committee(pk)
    with timezone.override(committee.session.zone):
        form = EndForm(request.POST)
        at = form.cleaned_data["at"] if form.is_valid() else None
        try:
            snapshot = services.weights_publish(actor=request.user, committee=committee, at=at)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The weights in force from %(moment)s were published.")
                             % {"moment": timezone.localtime(snapshot.effective_at)
                                .strftime("%Y-%m-%d %H:%M")})
    return _redirect_back(committee.pk)


# --- the Governing Body ---------------------------------------------------------------------

def _gb_session(pk):
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=pk)
    if session.meeting.type != MeetingType.GB:
        raise Http404
    return session


@login_required
def gb_session(request, pk):
    _require_reader(request.user)
    session = _gb_session(pk)
    with timezone.override(session.zone):
        at = _moment(request, session)
        voting = selectors.gb_voting(session, at)
        members = list(selectors.gb_members_at(session, at))
        arrears = {status.member_state_id: status for status in
                   ArrearsStatus.objects.filter(session=session, in_arrears=True)}
        names = {m.person_id: m.person for m in members}
        replaced_by = {deputy: names.get(replaced)
                       for replaced, deputy in voting.replaced.items()}
        seats = {"titular": defaultdict(list), "deputy": defaultdict(list)}
        for member in members:
            seats[member.seat][member.group].append({
                "membership": member,
                "votes": member.person_id in voting.groups,
                "why_not": voting.without_vote.get(member.person_id),
                "instead_of": replaced_by.get(member.person_id),
                "arrears": arrears.get(member.member_state_id),
            })
        tables = [(seat, [(group, seats[seat].get(group, [])) for group in GROUPS])
                  for seat in ("titular", "deputy")]
        counts = dict.fromkeys(GROUPS, 0)
        for group in voting.groups.values():
            counts[group] += 1
        can_manage = permissions.can_manage_membership(request.user)
        return render(request, "membership/gb_session.html", {
            "session": session, "at": at, "tables": tables, "counts": counts,
            "voters": len(voting.groups),
            "findings": [f.as_dict(current_language()) for f in voting.findings],
            "replacements": selectors.gb_replacements(session),
            "can_manage": can_manage,
        })


@writer_only
def gb_member_add(request, session_pk):
    session = _gb_session(session_pk)
    with timezone.override(session.zone):
        chooser, state = _chosen_state(request, MemberState.objects.order_by("name_en"))
        form = None
        if state is not None:
            people = Person.objects.filter(member_state=state).order_by("name")
            form = GoverningBodyMemberForm(request.POST or None, people=people, initial={
                "term_from": session.local_opens_at.date()})

        def save(data):
            services.gb_member_add(
                actor=request.user, meeting=session.meeting, person=data["person"],
                group=data["group"], seat=data["seat"], term_from=data["term_from"],
                term_until=data["term_until"],
                member_state=state if data["group"] == "government" else None)

        return _member_add_page(
            request, form=form, save=save,
            success=_("The member of the Governing Body was added."),
            done=redirect("membership:gb_session", pk=session.pk), context={
                "session": session, "chooser": chooser, "state": state,
                "back": session, "back_url": "membership:gb_session",
                "title": _("Add a member of the Governing Body"),
                "heading": _("Add a member of the Governing Body"),
                "chooser_label": _("Member State of the person"),
                "chooser_button": _("List its people"),
                "intro": _("A Government seat is held for the member State chosen above. The "
                           "term's last day is excluded: a term until 15 June ends at the "
                           "start of that day.")})


@writer_post_only
def gb_member_end(request, session_pk, pk):
    session = _gb_session(session_pk)
    membership = get_object_or_404(GoverningBodyMembership, pk=pk, meeting=session.meeting)
    form = GoverningBodyEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the term ends."))
        return redirect("membership:gb_session", pk=session.pk)
    try:
        services.gb_member_end(actor=request.user, membership=membership,
                               term_until=form.cleaned_data["term_until"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The term was ended."))
    return redirect("membership:gb_session", pk=session.pk)


@writer_only
def gb_replacement_add(request, session_pk):
    session = _gb_session(session_pk)
    with timezone.override(session.zone):
        at = selectors.default_moment(session, timezone.now())
        members = list(selectors.gb_members_at(session, at))
        form = GoverningBodyReplacementForm(request.POST or None, members=members,
                                            initial={"valid_from": at})

        def save(data):
            services.gb_replacement_record(
                actor=request.user, session=session, titular=data["titular"],
                deputy=data["deputy"], valid_from=data["valid_from"],
                valid_until=data["valid_until"])

        return _replacement_page(
            request, form=form, save=save, success=_("The replacement was recorded."),
            done=redirect("membership:gb_session", pk=session.pk), context={
                "session": session, "back": session,
                "heading": _("A deputy member replaces an absent titular member"),
                "intro": _("The deputy votes in place of the titular member of the same "
                           "group for the time given."),
                "back_url": "membership:gb_session"})


@writer_post_only
def gb_replacement_end(request, pk):
    replacement = get_object_or_404(GoverningBodyReplacement.objects.select_related("session"),
                                    pk=pk)
    return _replacement_end(
        request, replacement, session=replacement.session, end=services.gb_replacement_end,
        success=_("The replacement ended."),
        done=redirect("membership:gb_session", pk=replacement.session_id))
