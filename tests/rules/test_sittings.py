"""SIT-1 to SIT-4: who may take the floor and the order of the list of speakers, from the
provisions' wording (../shared/domain/ilo-rules.md). No database."""

import pytest

from tripartite.rules import sittings as rules
from tripartite.rules.delegations import Role
from tripartite.rules.findings import Severity
from tripartite.rules.sittings import Kind, Practice, Request, Standing

# SIT-1 ------------------------------------------------------------------------------------------

def test_a_regular_delegate_may_take_the_floor():
    decision = rules.may_take_floor(Role.DELEGATE)
    assert decision.allowed
    assert decision.provision == rules.DELEGATES
    assert decision.findings[0].rule == "SIT-1"


@pytest.mark.parametrize("role", [Role.SUBSTITUTE_DELEGATE, Role.ADVISER_SUBSTITUTE_DELEGATE])
def test_a_substitute_speaks_only_when_acting_for_a_delegate(role):
    refused = rules.may_take_floor(role)
    assert not refused.allowed
    assert refused.findings[0].severity is Severity.ERROR
    assert "acting for a regular delegate" in refused.findings[0].message["en"]
    assert rules.may_take_floor(role, acting_for_delegate=True).allowed
    assert rules.may_take_floor(role, acting_for_delegate=True).provision == rules.SUBSTITUTES


@pytest.mark.parametrize("role", [Role.ADVISER, Role.TERRITORY_ADVISER])
def test_an_adviser_speaks_only_when_their_delegate_asks(role):
    assert not rules.may_take_floor(role).allowed
    # the Chair's leave alone is not enough: the delegate must ask (Constitution art. 3(6))
    assert not rules.may_take_floor(role, chair_allows=True).allowed
    allowed = rules.may_take_floor(role, authorised_by_delegate=True)
    assert allowed.allowed and allowed.provision == rules.ADVISERS


def test_an_adviser_acting_flag_does_not_make_them_a_substitute():
    assert not rules.may_take_floor(Role.ADVISER, acting_for_delegate=True).allowed


def test_a_minister_attending_the_conference_may_speak():
    assert rules.may_take_floor(Role.MINISTER).allowed


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.ACCOMPANYING_MINISTER,
                                  Role.STATE_REPRESENTATIVE, Role.OTHER])
def test_others_admitted_speak_only_when_the_chair_allows(role):
    refused = rules.may_take_floor(role)
    assert not refused.allowed
    assert refused.provision == rules.OBSERVERS
    assert rules.may_take_floor(role, chair_allows=True).allowed


def test_someone_not_accredited_is_refused_with_the_reason_in_three_languages():
    refused = rules.may_take_floor(None)
    assert not refused.allowed
    message = refused.findings[0].message
    assert set(message) == {"en", "fr", "es"}
    assert "Not accredited" in message["en"]
    assert message["fr"] != message["en"] and message["es"] != message["en"]


def test_admission_refused_overrides_every_role():
    refused = rules.may_take_floor(Role.DELEGATE, admitted=False)
    assert not refused.allowed
    assert refused.provision == rules.ADMISSION_REFUSED


def test_an_unknown_role_is_an_error_not_a_silent_refusal():
    with pytest.raises(ValueError):
        rules.may_take_floor("president")


# Orderings --------------------------------------------------------------------------------------

def keys(requests):
    return [r.key for r in requests]


REQUESTS = [
    Request("gov-a", 1, standing=Standing.GOVERNMENT),
    Request("obs", 2, standing=Standing.OBSERVER),
    Request("workers", 3, standing=Standing.SPOKESPERSON),
    Request("africa", 4, standing=Standing.REGIONAL_GROUP),
    Request("minister", 5, standing=Standing.GOVERNMENT, minister=True),
    Request("employers", 6, standing=Standing.SPOKESPERSON),
    Request("reply", 0, kind=Kind.RIGHT_OF_REPLY),
    Request("order", 7, kind=Kind.POINT_OF_ORDER),
]


def test_in_order_of_request_keeps_the_order_received_and_only_speeches():
    assert keys(rules.in_order_of_request(REQUESTS)) == [
        "gov-a", "obs", "workers", "africa", "minister", "employers"]


def test_governing_body_order_spokespersons_then_regional_groups_then_governments_then_observers():
    assert keys(rules.governing_body_order(REQUESTS)) == [
        "workers", "employers", "africa", "gov-a", "minister", "obs"]


def test_governing_body_order_keeps_request_order_within_a_rank():
    two = [Request("e", 9, standing=Standing.SPOKESPERSON),
           Request("w", 8, standing=Standing.SPOKESPERSON)]
    assert keys(rules.governing_body_order(two)) == ["w", "e"]


def test_ministers_first_then_the_others_in_order_of_request():
    assert keys(rules.ministers_first(REQUESTS)) == [
        "minister", "gov-a", "obs", "workers", "africa", "employers"]


def test_the_whole_list_puts_points_of_order_on_top_and_rights_of_reply_after():
    # a right of reply asked for before anyone still comes after the whole list
    assert keys(rules.list_of_speakers(REQUESTS, Practice.REQUEST_ORDER)) == [
        "order", "gov-a", "obs", "workers", "africa", "minister", "employers", "reply"]


def test_an_empty_list_is_empty():
    assert rules.list_of_speakers([], Practice.GOVERNING_BODY) == []


def test_a_new_request_goes_after_those_the_practice_puts_before_it():
    waiting = rules.list_of_speakers(REQUESTS[:6] + [REQUESTS[6]], Practice.GOVERNING_BODY)
    new = Request("europe", 10, standing=Standing.REGIONAL_GROUP)
    index = rules.insertion_index(waiting, new, Practice.GOVERNING_BODY)
    assert keys(waiting[:index]) == ["workers", "employers", "africa"]


def test_a_new_speech_goes_before_the_rights_of_reply():
    waiting = [Request("a", 1), Request("reply", 2, kind=Kind.RIGHT_OF_REPLY)]
    assert rules.insertion_index(waiting, Request("b", 3), Practice.REQUEST_ORDER) == 1
    assert rules.insertion_index(waiting, Request("r2", 4, kind=Kind.RIGHT_OF_REPLY),
                                 Practice.REQUEST_ORDER) == 2


def test_a_move_by_the_chair_is_kept_when_someone_new_asks():
    # the Chair moved an observer to the top: a Government asking now waits after them
    moved = [Request("obs", 1, standing=Standing.OBSERVER),
             Request("gov", 2, standing=Standing.GOVERNMENT)]
    new = Request("gov2", 3, standing=Standing.GOVERNMENT)
    assert rules.insertion_index(moved, new, Practice.GOVERNING_BODY) == 2


def test_a_point_of_order_takes_no_place():
    waiting = [Request("a", 1)]
    assert rules.insertion_index(waiting, Request("p", 2, kind=Kind.POINT_OF_ORDER),
                                 Practice.REQUEST_ORDER) == 0


@pytest.mark.parametrize("practice", list(Practice))
def test_every_ordering_cites_its_source_and_says_whether_it_is_configurable(practice):
    finding = rules.ordering_finding(practice)
    assert finding.provision
    assert set(finding.message) == {"en", "fr", "es"}
    configurable = rules.PRACTICES[practice].configurable
    assert ("configurable" in finding.message["en"]) is configurable


def test_the_governing_body_order_is_marked_a_configurable_practice():
    assert rules.PRACTICES[Practice.GOVERNING_BODY].configurable
    assert rules.ordering_finding(Practice.GOVERNING_BODY).rule == "SIT-4"


# SIT-3: the clock ------------------------------------------------------------------------------

def test_five_minutes_in_the_plenary_discussion():
    assert rules.PLENARY_TIME_LIMIT_SECONDS == 300


def test_the_clock_warns_in_the_last_stretch_and_marks_the_limit_passed():
    assert rules.clock(0, 300) == rules.Clock(0, 300, False, False)
    assert rules.clock(269, 300).warning is False
    assert rules.clock(270, 300).warning is True
    at_limit = rules.clock(300, 300)
    assert at_limit.over and not at_limit.warning and at_limit.remaining == 0
    assert rules.clock(310, 300).remaining == -10


def test_no_time_limit_no_remaining_time():
    assert rules.clock(1000, None) == rules.Clock(1000, None, False, False)
    assert rules.clock(1000, 0).remaining is None


def test_negative_elapsed_time_is_refused():
    with pytest.raises(ValueError):
        rules.clock(-1, 300)


# SIT-3: the limit of each kind of speaker ---------------------------------------------------

LIMITS = rules.TimeLimits(speech=300, spokesperson=600, right_of_reply=120, point_of_order=60)


def test_a_speech_has_the_sittings_limit_and_the_plenary_five_minutes_cite_art_14_6():
    limit = rules.time_limit(Kind.SPEECH, for_group=False, limits=LIMITS)
    assert limit.seconds == 300
    assert limit.finding.rule == "SIT-3" and limit.finding.provision == rules.PLENARY_TIME_LIMIT
    other = rules.time_limit(Kind.SPEECH, for_group=False,
                             limits=rules.TimeLimits(speech=240))
    assert other.seconds == 240 and other.finding.provision == rules.CHAIRS_TIME_LIMITS


def test_a_speaker_on_behalf_of_a_group_has_the_longer_spokespersons_limit():
    limit = rules.time_limit(Kind.SPEECH, for_group=True, limits=LIMITS)
    assert limit.seconds == 600
    assert "group spokespersons" in limit.finding.message["en"]
    # without a spokespersons' limit, a group's speaker has the sitting's
    assert rules.time_limit(Kind.SPEECH, for_group=True,
                            limits=rules.TimeLimits(speech=300)).seconds == 300


@pytest.mark.parametrize(("kind", "seconds"), [(Kind.RIGHT_OF_REPLY, 120),
                                               (Kind.POINT_OF_ORDER, 60)])
def test_rights_of_reply_and_points_of_order_have_their_own_limit(kind, seconds):
    assert rules.time_limit(kind, for_group=False, limits=LIMITS).seconds == seconds
    # a group's spokesperson replying has the reply's limit, not the spokespersons'
    assert rules.time_limit(kind, for_group=True, limits=LIMITS).seconds == seconds
    # none of their own: as a speech
    assert rules.time_limit(kind, for_group=False,
                            limits=rules.TimeLimits(speech=180)).seconds == 180


def test_no_limit_for_speeches_and_zero_for_a_kind_mean_no_limit():
    limits = rules.TimeLimits(speech=None, point_of_order=0)
    assert rules.time_limit(Kind.SPEECH, for_group=False, limits=limits).seconds is None
    assert rules.time_limit(Kind.RIGHT_OF_REPLY, for_group=False, limits=limits).seconds is None
    assert rules.time_limit(Kind.POINT_OF_ORDER, for_group=False, limits=limits).seconds is None
    assert rules.time_limit(Kind.SPEECH, for_group=False,
                            limits=rules.TimeLimits(speech=0)).seconds is None


def test_the_share_of_women_to_one_decimal_and_none_when_nobody_spoke():
    assert rules.Share(1, 3).percent == 33.3
    assert rules.Share(2, 2).percent == 100.0
    assert rules.Share(0, 0).percent is None
