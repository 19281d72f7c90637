"""The kinds of decision a vote takes (CON-5, CON-8, CON-9, ILC-1), from the provisions' wording.

Pure rules: no Django, no database.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules import decisions
from tripartite.rules.decisions import (
    ADMISSION_MAJORITY,
    DECISIONS,
    RECORD_VOTE,
    majority_provision,
    prepare_vote,
)
from tripartite.rules.findings import Severity
from tripartite.rules.voting import TWO_THIRDS_DECISIONS, Majority, vote_outcome

METHODS = ("record", "show_of_hands", "secret")
BODIES = ("plenary", "committee", "governing_body")

# Each kind of decision: the majority the Constitution requires, the article cited for it,
# and whether the Standing Orders take it by record vote.
KINDS = [
    ("adopt_convention_or_recommendation", "two_thirds", "Constitution art. 19(2)", True),
    ("refuse_credentials", "two_thirds", "Constitution art. 3(9)", False),
    ("restore_vote_in_arrears", "two_thirds", "Constitution art. 13(4)", False),
    ("admission_of_member", ADMISSION_MAJORITY, "Constitution art. 1(4)", False),
    ("adopt_constitutional_amendment", "two_thirds", "Constitution art. 36", True),
    ("abrogate_convention", "two_thirds", "Constitution art. 19(9)", True),
    ("keep_item_objected_to", "two_thirds", "Constitution art. 16(2)", False),
    ("new_agenda_item", "two_thirds", "Constitution art. 16(3)", False),
    ("move_seat", "two_thirds", "Constitution art. 6", False),
    ("financial_arrangements", "two_thirds", "Constitution art. 13(2)(c)", False),
]


def test_every_two_thirds_decision_of_the_constitution_is_a_kind_of_decision():
    assert set(TWO_THIRDS_DECISIONS) < set(DECISIONS)
    assert {key for key, *_ in KINDS} | {"other"} == set(DECISIONS)
    for key in TWO_THIRDS_DECISIONS:
        assert DECISIONS[key].majority == "two_thirds"
        assert DECISIONS[key].provision == TWO_THIRDS_DECISIONS[key]


@pytest.mark.parametrize(("key", "majority", "provision", "record"), KINDS)
def test_a_kind_of_decision_sets_its_majority(key, majority, provision, record):
    prepared = prepare_vote(key, majority=None, method="record", body="plenary")
    assert prepared.allowed
    assert (prepared.majority, prepared.record_vote_required) == (majority, record)
    [info] = prepared.findings
    assert info.severity is Severity.INFO
    assert info.provision.startswith(provision)
    assert set(info.message) == {"en", "fr", "es"}


@pytest.mark.parametrize(("key", "majority", "provision", "record"), KINDS)
def test_a_kind_of_decision_refuses_a_simple_majority(key, majority, provision, record):
    prepared = prepare_vote(key, majority="simple", method="record", body="plenary")
    assert not prepared.allowed
    [error] = prepared.errors
    assert error.provision == provision
    assert "cannot be prepared with another majority" in error.message["en"]


@pytest.mark.parametrize(("key", "majority", "provision", "record"), KINDS)
def test_a_kind_of_decision_is_the_conferences(key, majority, provision, record):
    for body in ("committee", "governing_body"):
        prepared = prepare_vote(key, majority=None, method="record", body=body)
        assert [f.rule for f in prepared.errors] == ["CON-8"]
        assert "decision of the Conference" in prepared.errors[0].message["en"]


@pytest.mark.parametrize(("key", "majority", "provision", "record"), KINDS)
def test_a_final_vote_is_a_record_vote(key, majority, provision, record):
    for method in ("show_of_hands", "secret"):
        prepared = prepare_vote(key, majority=None, method=method, body="plenary")
        record_errors = [f for f in prepared.errors if f.rule == "ILC-1"]
        assert bool(record_errors) == record
        if record:
            assert record_errors[0].provision == RECORD_VOTE


def test_the_final_vote_on_a_convention_cannot_be_a_simple_majority_show_of_hands():
    prepared = prepare_vote("adopt_convention_or_recommendation", majority="simple",
                            method="show_of_hands", body="plenary")
    assert [f.rule for f in prepared.errors] == ["CON-8", "ILC-1"]
    assert prepared.errors[0].message["en"] == (
        "The final vote on a Convention or Recommendation requires a two-thirds majority of the "
        "votes cast (Constitution art. 19(2)): it cannot be prepared with another majority.")
    assert prepared.errors[1].message["fr"] == (
        "Le vote final sur une convention ou une recommandation a lieu par appel nominal "
        "(ILC Standing Orders (2008) arts 11, 19) : le vote ne peut pas être préparé à main "
        "levée ni au scrutin secret.")


def test_the_admission_of_a_member_is_never_a_secret_ballot():
    prepared = prepare_vote("admission_of_member", majority=None, method="secret",
                            body="plenary")
    assert [f.rule for f in prepared.errors] == ["CON-9"]
    assert prepare_vote("admission_of_member", majority=None, method="show_of_hands",
                        body="plenary").allowed


def test_another_decision_takes_the_majority_chosen_simple_by_default():
    assert prepare_vote("other", majority=None, method="show_of_hands",
                        body="committee").majority == "simple"
    # The body's own rules may require two-thirds (e.g. the Finance Committee).
    two_thirds = prepare_vote("other", majority="two_thirds", method="secret",
                              body="committee")
    assert (two_thirds.allowed, two_thirds.majority) == (True, "two_thirds")
    admission = prepare_vote("other", majority=ADMISSION_MAJORITY, method="record",
                             body="plenary")
    assert [f.rule for f in admission.errors] == ["CON-9"]


def test_unknown_values_are_refused():
    with pytest.raises(ValueError, match="unknown kind of decision"):
        prepare_vote("veto", majority=None, method="record", body="plenary")
    with pytest.raises(ValueError, match="unknown majority"):
        prepare_vote("other", majority="unanimity", method="record", body="plenary")


@pytest.mark.parametrize(("key", "majority", "provision", "record"), KINDS)
def test_a_result_cites_the_article_of_its_decision_and_no_other(key, majority, provision,
                                                                   record):
    cited = majority_provision(key, majority)
    assert cited.startswith(provision)
    others = {p for k, p in TWO_THIRDS_DECISIONS.items() if k != key}
    assert not any(other in cited for other in others)
    if majority == "two_thirds":
        result = vote_outcome(400, 100, majority=majority, quorum=300, provision=cited)
        assert [f.provision for f in result.findings if f.rule == "ILC-2"] == [
            f"{provision}; ILC Standing Orders (2008) art. 21"]
        assert result.findings[-1].provision.endswith(cited)


def test_another_decision_cites_the_general_rule():
    assert majority_provision("other", "simple") == (
        "Constitution art. 17(2); ILC Standing Orders (2008) art. 21")
    assert majority_provision("other", "two_thirds") == "ILC Standing Orders (2008) art. 21"


@given(st.sampled_from(list(DECISIONS)), st.sampled_from([None, *decisions.MAJORITY_NAMES]),
       st.sampled_from(METHODS), st.sampled_from(BODIES))
def test_a_vote_is_allowed_exactly_when_every_requirement_holds(key, majority, method, body):
    chosen = DECISIONS[key]
    prepared = prepare_vote(key, majority=majority, method=method, body=body)
    expected = (
        (not chosen.conference_only or body == "plenary")
        and (chosen.majority is None or majority in (None, chosen.majority))
        and (chosen.majority is not None or majority != ADMISSION_MAJORITY)
        and (not chosen.record_vote or method == "record")
        and (chosen.secret_ballot_allowed or method != "secret")
    )
    assert prepared.allowed == expected
    assert prepared.majority == (chosen.majority or majority or Majority.SIMPLE.value)
    for finding in prepared.findings:
        assert set(finding.message) == {"en", "fr", "es"}
        assert all(finding.message.values())
