"""The services of votes: opening with its quorum, casting with rights checked at the moment
of voting, substitutes, roll calls, show-of-hands totals, closing, publishing, correcting."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import PersonFactory, state, user_with_role
from tests.votes.factories import (
    REGISTERED_AT,
    delegate_user,
    delegation,
    plenary,
    register,
    secretariat,
    vote,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.registration.models import Registration
from tripartite.votes import services
from tripartite.votes.models import Ballot, Result, VoteState

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)


def opened(item, **kwargs):
    staff = secretariat()
    created = vote(item, **kwargs)
    return services.vote_open(actor=staff, vote=created, at=AT), staff


def cast(nomination, v, choice, **kwargs):
    return services.ballot_cast(actor=delegate_user(nomination), vote=v, choice=choice,
                                at=kwargs.pop("at", AT + dt.timedelta(minutes=1)), **kwargs)


def test_create_checks_the_secretariat_and_the_input():
    item, _ = plenary(("FR",))
    staff = secretariat()
    with pytest.raises(PermissionDeniedError):
        services.vote_create(actor=user_with_role(Role.DELEGATE), session=item.session,
                             subject_en="X", method="record")
    with pytest.raises(ServiceError) as error:
        services.vote_create(actor=staff, session=item.session, subject_en="X",
                             method="record", quorum_source="fixed")
    assert error.value.field == "quorum_fixed"
    with pytest.raises(ServiceError) as error:
        services.vote_create(actor=staff, session=item.session, subject_en="X",
                             method="secret", majority="admission_of_member")
    assert error.value.field == "method"
    created = services.vote_create(actor=staff, session=item.session, agenda_item=item,
                                   subject_en="Final record vote", subject_fr="Vote final",
                                   method="record", majority="two_thirds")
    assert created.state == VoteState.DRAFT
    assert ActionLogEntry.objects.filter(action="votes.vote.created",
                                         object_id=str(created.pk)).count() == 1


def test_open_computes_the_quorum_from_attendance_and_stores_the_base():
    item, delegates = plenary(("FR", "DE", "IT"))  # 12 registered voters
    preview = services.quorum_preview(vote(item), at=AT)
    assert preview["quorum"] == 6
    v, _ = opened(item)
    assert (v.state, v.quorum, v.opened_at) == (VoteState.OPEN, 6, AT)
    assert v.quorum_base == {"government": 6, "employers": 3, "workers": 3, "total": 12}


def test_a_fixed_quorum_is_kept_as_entered():
    item, _ = plenary(("FR",))
    v, _ = opened(item, quorum_source="fixed", quorum_fixed=320)
    assert v.quorum == 320
    assert v.quorum_base["total"] == 4


def test_a_registered_delegate_votes_once_and_the_database_refuses_a_second_ballot():
    item, delegates = plenary(("FR",))
    v, _ = opened(item)
    fr = delegates["FR"]
    ballot = cast(fr[0], v, "yes")
    assert (ballot.voter_id, ballot.cast_by_id, ballot.group) == (fr[0].person_id,
                                                                  fr[0].person_id, "government")
    with pytest.raises(ServiceError) as error:
        cast(fr[0], v, "no")
    assert error.value.code == "already_voted"
    assert Ballot.objects.filter(vote=v).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(vote=v, voter=fr[0].person, cast_by=fr[0].person,
                              group="government", choice="no", cast_at=AT)


def test_no_ballot_before_opening_or_after_closing():
    item, delegates = plenary(("FR",))
    draft = vote(item)
    with pytest.raises(ServiceError) as error:
        cast(delegates["FR"][0], draft, "yes")
    assert error.value.code == "vote_not_open"
    v, staff = opened(item)
    services.vote_close(actor=staff, vote=v, at=AT + dt.timedelta(minutes=5))
    with pytest.raises(ServiceError) as error:
        cast(delegates["FR"][1], v, "yes")
    assert error.value.code == "vote_closed"


def test_rights_are_checked_at_the_moment_of_voting():
    item, delegates = plenary(("FR",))
    v, _ = opened(item)
    fr = delegates["FR"]
    Registration.objects.filter(nomination=fr[1]).update(departed_at=AT + dt.timedelta(
        minutes=2))
    cast(fr[1], v, "yes", at=AT + dt.timedelta(minutes=1))  # still registered
    Registration.objects.filter(nomination=fr[2]).update(departed_at=AT)
    with pytest.raises(ServiceError) as error:
        cast(fr[2], v, "yes")
    assert (error.value.code, error.value.status) == ("not_a_voter", 403)


def test_an_unregistered_delegate_and_a_stranger_cannot_vote():
    item, delegates = plenary(("FR",))
    late = delegation(item.session, "DE", registered=False)
    v, _ = opened(item)
    with pytest.raises(ServiceError, match="not entitled"):
        cast(late[0], v, "yes")
    stranger = user_with_role(Role.DELEGATE, person=PersonFactory(member_state=state("IT")))
    with pytest.raises(ServiceError, match="not entitled"):
        services.ballot_cast(actor=stranger, vote=v, choice="yes", at=AT)


def test_a_login_without_a_person_gets_a_clear_refusal():
    item, _ = plenary(("FR",))
    v, _ = opened(item)
    with pytest.raises(ServiceError) as error:
        services.ballot_cast(actor=user_with_role(Role.DELEGATE), vote=v, choice="yes")
    assert (error.value.code, error.value.status) == ("no_person", 400)


def test_a_substitute_votes_for_the_delegate_with_a_recorded_appointment():
    item = plenary(("DE",))[0]
    fr = delegation(item.session, "FR", advisers=1)
    adviser = fr[4]
    register(adviser)
    v, staff = opened(item)
    # Without an appointment the adviser may not vote for the delegate.
    with pytest.raises(ServiceError) as error:
        cast(adviser, v, "yes", voter_id=fr[0].person_id)
    assert error.value.code == "no_appointment"
    appointment = services.substitute_appoint(
        actor=staff, session=item.session, delegate=fr[0], substitute=adviser,
        document_reference="Letter of 4 June", appointed_at=AT)
    assert ActionLogEntry.objects.filter(action="votes.substitute.appointed").count() == 1
    ballot = cast(adviser, v, "no", voter_id=fr[0].person_id)
    assert (ballot.voter_id, ballot.cast_by_id) == (fr[0].person_id, adviser.person_id)
    assert ballot.choice == "no"
    # The delegate has now voted (through the substitute): not a second time.
    with pytest.raises(ServiceError, match="already"):
        cast(fr[0], v, "yes")
    assert appointment.appointed_at == AT


def test_a_substitute_appointed_after_the_moment_cannot_use_it():
    item = plenary(("DE",))[0]
    fr = delegation(item.session, "FR", advisers=1)
    register(fr[4])
    v, staff = opened(item)
    services.substitute_appoint(actor=staff, session=item.session, delegate=fr[0],
                                substitute=fr[4], document_reference="Note",
                                appointed_at=AT + dt.timedelta(hours=1))
    with pytest.raises(ServiceError, match="no recorded appointment"):
        cast(fr[4], v, "yes", voter_id=fr[0].person_id)


def test_a_substitute_votes_for_an_absent_delegate_when_registered_themselves():
    item = plenary(("DE",))[0]
    fr = delegation(item.session, "FR", registered=False, advisers=1)
    register(fr[4])
    v, staff = opened(item)
    services.substitute_appoint(actor=staff, session=item.session, delegate=fr[0],
                                substitute=fr[4], document_reference="Note", appointed_at=AT)
    ballot = cast(fr[4], v, "yes", voter_id=fr[0].person_id)
    assert ballot.voter_id == fr[0].person_id


def test_record_vote_closes_with_the_rules_result_and_publishes():
    item, delegates = plenary(("FR", "DE", "IT"))
    v, staff = opened(item, majority="two_thirds")
    choices = ["yes"] * 8 + ["no"] * 4
    for nomination, choice in zip(
            [n for iso2 in ("FR", "DE", "IT") for n in delegates[iso2]], choices, strict=True):
        cast(nomination, v, choice)
    result = services.vote_close(actor=staff, vote=v, at=AT + dt.timedelta(minutes=9))
    assert (result.yes, result.no, result.abstain, result.cast) == ("8", "4", "0", "12")
    assert (result.quorum, result.required, result.outcome) == (6, "8", "adopted")
    assert [e["rule"] for e in result.explanation] == ["ILC-3", "ILC-2", "ILC-4"]
    v.refresh_from_db()
    assert v.state == VoteState.CLOSED
    services.vote_publish(actor=staff, vote=v)
    v.refresh_from_db()
    assert v.state == VoteState.PUBLISHED
    with pytest.raises(ValueError, match="final"):
        Result.objects.get(vote=v).save()


def test_exactly_the_quorum_and_one_short():
    item, delegates = plenary(("FR", "DE", "IT"))  # quorum 6
    v, staff = opened(item)
    voters = [n for iso2 in ("FR", "DE", "IT") for n in delegates[iso2]]
    for nomination in voters[:6]:
        cast(nomination, v, "yes")
    for nomination in voters[6:]:
        cast(nomination, v, "abstain")
    assert services.vote_close(actor=staff, vote=v).outcome == "adopted"
    v2, _ = opened(item, subject_en="Second")
    for nomination in voters[:5]:
        cast(nomination, v2, "yes")
    for nomination in voters[5:]:
        cast(nomination, v2, "abstain")
    result = services.vote_close(actor=staff, vote=v2)
    assert (result.cast, result.abstain, result.outcome) == ("5", "7", "void_no_quorum")


def test_no_votes_cast_is_void():
    item, _ = plenary(("FR",))
    v, staff = opened(item)
    result = services.vote_close(actor=staff, vote=v)
    assert (result.cast, result.ballots, result.outcome) == ("0", 0, "void_no_quorum")


def test_a_tie_is_rejected():
    item, delegates = plenary(("FR",))
    v, staff = opened(item)
    for nomination, choice in zip(delegates["FR"], ["yes", "yes", "no", "no"], strict=True):
        cast(nomination, v, choice)
    assert services.vote_close(actor=staff, vote=v).outcome == "rejected"


def test_roll_call_entered_by_the_secretariat():
    item, delegates = plenary(("FR",))
    v, staff = opened(item)
    fr = delegates["FR"]
    ballot = services.roll_call_enter(actor=staff, vote=v, voter=fr[0].person, choice="yes")
    assert (ballot.entered_by, ballot.cast_by_id) == (staff, fr[0].person_id)
    with pytest.raises(ServiceError, match="already"):
        services.roll_call_enter(actor=staff, vote=v, voter=fr[0].person, choice="no")
    with pytest.raises(ServiceError, match="not entitled"):
        services.roll_call_enter(actor=staff, vote=v, voter=PersonFactory(), choice="no")
    with pytest.raises(PermissionDeniedError):
        services.roll_call_enter(actor=user_with_role(Role.OBSERVER), vote=v,
                                 voter=fr[1].person, choice="no")


def test_show_of_hands_totals():
    item, delegates = plenary(("FR", "DE", "IT"))
    v, staff = opened(item, method="show_of_hands")
    with pytest.raises(ServiceError) as error:
        services.show_of_hands_totals_enter(actor=staff, vote=v, yes=10, no=2, abstain=1)
    assert "13 votes are more than the 12" in error.value.message
    services.show_of_hands_totals_enter(actor=staff, vote=v, yes=7, no=2, abstain=1)
    services.show_of_hands_totals_enter(actor=staff, vote=v, yes=6, no=3, abstain=1)
    with pytest.raises(ServiceError) as error:
        cast(delegates["FR"][0], v, "yes")
    assert error.value.code == "totals_entered"
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.no, result.abstain, result.outcome) == ("6", "3", "1",
                                                                         "adopted")


def test_admission_of_a_member_counts_government_delegates_present_and_voting():
    item, delegates = plenary(("FR", "DE", "IT"))  # 12 attending, 6 Government
    v, staff = opened(item, majority="admission_of_member")
    voters = [n for iso2 in ("FR", "DE", "IT") for n in delegates[iso2]]
    # 8 yes needed overall (2/3 of 12); Governments: FR two yes, DE two no, IT two yes.
    plan = {"FR": ["yes", "yes", "yes", "yes"], "DE": ["no", "no", "yes", "yes"],
            "IT": ["yes", "yes", "abstain", "abstain"]}
    for iso2, choices in plan.items():
        for nomination, choice in zip(delegates[iso2], choices, strict=True):
            cast(nomination, v, choice)
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.required, result.outcome) == ("8", "8", "adopted")
    government = [e for e in result.explanation if e["rule"] == "CON-9"][1]
    assert "Government delegates present and voting: 6 (4 for + 2 against)" in (
        government["message"]["en"])
    assert len(voters) == 12


def test_a_correction_is_a_new_act_and_the_result_stays():
    item, delegates = plenary(("FR",))
    v, staff = opened(item, method="show_of_hands")
    services.show_of_hands_totals_enter(actor=staff, vote=v, yes=2, no=2, abstain=0)
    result = services.vote_close(actor=staff, vote=v)
    services.vote_publish(actor=staff, vote=v)
    with pytest.raises(ServiceError, match="reason"):
        services.result_correct(actor=staff, vote=v, yes=3, no=1, abstain=0, reason=" ")
    correction = services.result_correct(actor=staff, vote=v, yes=3, no=1, abstain=0,
                                         reason="One hand miscounted.")
    result.refresh_from_db()
    assert (result.outcome, correction.outcome, correction.result_id) == (
        "rejected", "adopted", result.pk)
    assert ActionLogEntry.objects.filter(action="votes.result.corrected").count() == 1


def test_state_changes_follow_the_order():
    item, _ = plenary(("FR",))
    staff = secretariat()
    draft = vote(item)
    with pytest.raises(ServiceError):
        services.vote_close(actor=staff, vote=draft)
    with pytest.raises(ServiceError):
        services.vote_publish(actor=staff, vote=draft)
    v = services.vote_open(actor=staff, vote=draft, at=AT)
    with pytest.raises(ServiceError) as error:
        services.vote_open(actor=staff, vote=v)
    assert error.value.status == 409


def test_registration_time_matters_for_the_quorum_base():
    item, delegates = plenary(("FR",))
    Registration.objects.filter(nomination=delegates["FR"][3]).update(
        registered_at=AT + dt.timedelta(hours=1))
    assert services.quorum_preview(vote(item), at=AT)["base"]["total"] == 3
    assert services.quorum_preview(vote(item), at=REGISTERED_AT)["base"]["total"] == 3
