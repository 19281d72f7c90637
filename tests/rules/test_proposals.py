"""Rules of meeting proposals (MTG-2, MTG-3, GEN-4): each at, below and above its threshold,
with the secretariat's settings (off, another severity, another parameter). No database."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules import dates
from tripartite.rules import proposals as rules
from tripartite.rules.findings import Severity
from tripartite.rules.proposal_input import CURRENCIES, input_problems
from tripartite.rules.proposals import (
    Composition,
    Funding,
    OfficialSession,
    Place,
    Proposal,
    RuleSetting,
    evaluate_proposal,
    missing_fields,
)

START = date(2027, 5, 10)

COMPLETE = Proposal(
    type="workshop", title="Workshop on minimum wages", purpose="To share experience.",
    standards_relevance="Minimum Wage Fixing Convention, 1970 (No. 131).",
    start=START, end=START + timedelta(days=2), submitted_on=START - timedelta(weeks=10),
    place=Place(country="SN", city="Dakar"), coverage=("SN", "CI"), tripartite=True,
    composition=Composition(government=5, employers=5, workers=5, resource_persons=10,
                            resource_persons_women=5, observers=2),
    financing=(Funding(source="regular_budget", amount=Decimal("25000"), currency="USD"),),
    languages=("fr", "en"), consulted_employers=START - timedelta(weeks=8),
    consulted_workers=START - timedelta(weeks=8),
)


def rules_of(proposal, **kwargs):
    return [finding.rule for finding in evaluate_proposal(proposal, **kwargs).findings]


def test_a_complete_proposal_consulted_in_time_is_ready_for_the_officers():
    verdict = evaluate_proposal(COMPLETE, as_of=START - timedelta(weeks=6))
    assert verdict.findings == ()
    assert verdict.ready_for_officers and verdict.ready_to_submit


# --- completeness --------------------------------------------------------------------------

def test_an_empty_proposal_names_every_missing_field_in_form_order():
    assert missing_fields(Proposal()) == (
        "type", "title", "purpose", "standards_relevance", "start", "end", "place", "coverage",
        "tripartite", "government", "employers", "workers", "resource_persons",
        "resource_persons_women", "observers", "financing")
    verdict = evaluate_proposal(Proposal())
    messages = [f.message_in("en") for f in verdict.findings if f.rule == rules.COMPLETE]
    assert messages[:2] == ["Missing: type of meeting.", "Missing: title."]
    assert [f.message_in("fr") for f in verdict.findings][1] == "Manquant\u00a0: titre."
    assert not verdict.ready_to_submit


def test_a_blank_title_is_missing_and_an_online_meeting_needs_no_city():
    assert missing_fields(replace(COMPLETE, title="  ")) == ("title",)
    assert missing_fields(replace(COMPLETE, place=Place(online=True))) == ()
    assert missing_fields(replace(COMPLETE, place=Place(country="SN"))) == ("place",)


def test_zero_is_a_number_given_but_none_is_missing():
    zero = replace(COMPLETE, composition=replace(COMPLETE.composition, observers=0))
    assert missing_fields(zero) == ()
    unknown = replace(COMPLETE, composition=replace(COMPLETE.composition, observers=None))
    assert missing_fields(unknown) == ("observers",)


def test_unit_officer_and_concept_note_are_checked_only_when_the_caller_knows_them():
    assert missing_fields(replace(COMPLETE, responsible_unit="", responsible_officer="A. B.",
                                  concept_note=False)) == ("responsible_unit", "concept_note")


def test_financing_without_amount_or_currency_is_incomplete():
    line = Funding(source="other", amount=None, currency="")
    assert missing_fields(replace(COMPLETE, financing=(line,))) == ("amount", "currency")


# --- parity --------------------------------------------------------------------------------

@pytest.mark.parametrize(("employers", "workers", "found"), [
    (5, 5, False), (4, 5, True), (6, 5, True)])
def test_a_tripartite_meeting_has_as_many_employers_as_workers(employers, workers, found):
    proposal = replace(COMPLETE, composition=replace(COMPLETE.composition, employers=employers,
                                                     workers=workers))
    assert (rules.PARITY in rules_of(proposal)) is found


def test_parity_does_not_apply_to_a_meeting_that_is_not_tripartite():
    proposal = replace(COMPLETE, tripartite=False,
                       composition=replace(COMPLETE.composition, employers=1, workers=7))
    assert rules.PARITY not in rules_of(proposal)


def test_parity_message_gives_both_numbers():
    proposal = replace(COMPLETE, composition=replace(COMPLETE.composition, employers=4))
    (finding,) = evaluate_proposal(proposal).findings
    assert finding.message_in("en") == (
        "The meeting is tripartite but its Employers' and Workers' participants differ in "
        "number (Employers: 4, Workers: 5): the two groups must be equal in number.")
    assert finding.severity == Severity.ERROR


# --- consultation --------------------------------------------------------------------------

def test_both_group_secretariats_must_be_consulted():
    neither = replace(COMPLETE, consulted_employers=None, consulted_workers=None)
    assert [f.message_in("en") for f in evaluate_proposal(neither).findings] == [
        "The secretariat of the Employers' group has not been consulted yet.",
        "The secretariat of the Workers' group has not been consulted yet."]
    workers_only = replace(COMPLETE, consulted_employers=None)
    assert rules_of(workers_only) == [rules.CONSULTED]
    assert evaluate_proposal(workers_only).ready_to_submit  # not a content rule
    assert not evaluate_proposal(workers_only).ready_for_officers


# --- lead time -----------------------------------------------------------------------------

@pytest.mark.parametrize(("days_before", "found"), [(56, False), (55, True), (57, False)])
def test_submitted_at_least_eight_weeks_before_the_start(days_before, found):
    proposal = replace(COMPLETE, submitted_on=START - timedelta(days=days_before))
    assert (rules.LEAD_TIME in rules_of(proposal)) is found


def test_lead_time_message_and_parameter():
    proposal = replace(COMPLETE, submitted_on=START - timedelta(days=55))
    (finding,) = evaluate_proposal(proposal).findings
    assert finding.message_in("en") == (
        "The proposal was submitted 55 days before the meeting starts; it should have been "
        "submitted at least 8 weeks before, by 15 March 2027.")
    four_weeks = {rules.LEAD_TIME: RuleSetting(parameter=4)}
    assert rules_of(proposal, settings=four_weeks) == []
    assert rules_of(replace(proposal, submitted_on=START - timedelta(days=27)),
                    settings=four_weeks) == [rules.LEAD_TIME]


def test_a_draft_is_measured_on_the_date_of_the_evaluation():
    draft = replace(COMPLETE, submitted_on=None)
    assert rules_of(draft) == []
    assert rules_of(draft, as_of=START - timedelta(days=56)) == []
    late = evaluate_proposal(draft, as_of=START - timedelta(days=50)).findings
    assert [f.message_in("en") for f in late] == [
        "The proposal is being prepared 50 days before the meeting starts; it should have been "
        "submitted at least 8 weeks before, by 15 March 2027."]


# --- decision before the start -------------------------------------------------------------

@pytest.mark.parametrize(("decided", "found"), [
    (START - timedelta(days=1), False), (START, True), (START + timedelta(days=1), True)])
def test_the_officers_decide_before_the_meeting_starts(decided, found):
    assert (rules.DECIDED in rules_of(replace(COMPLETE, decided_on=decided))) is found


@pytest.mark.parametrize(("as_of", "found"), [
    (START - timedelta(days=1), False), (START, True), (START + timedelta(days=1), True)])
def test_without_a_decision_the_date_of_evaluation_must_come_before_the_start(as_of, found):
    assert (rules.DECIDED in rules_of(COMPLETE, as_of=as_of)) is found


# --- clash with the Conference or the Governing Body ---------------------------------------

@pytest.mark.parametrize(("session_start", "found"), [
    (START + timedelta(days=3), False),   # opens the day after the meeting ends
    (START + timedelta(days=2), True),    # opens on the meeting's last day
    (START - timedelta(days=10), True),   # still sitting when the meeting starts
])
def test_no_overlap_with_an_official_session(session_start, found):
    session = OfficialSession("357th Session of the Governing Body", session_start,
                              session_start + timedelta(days=10))
    proposal = replace(COMPLETE, official_sessions=(session,))
    assert (rules.CLASH in rules_of(proposal)) is found


def test_a_session_that_closed_the_day_before_does_not_clash():
    session = OfficialSession("GB", START - timedelta(days=10), START - timedelta(days=1))
    assert rules_of(replace(COMPLETE, official_sessions=(session,))) == []


def test_a_clash_is_a_warning_and_does_not_block():
    session = OfficialSession("114th Session of the Conference", START, START)
    verdict = evaluate_proposal(replace(COMPLETE, official_sessions=(session,)))
    assert [(f.rule, f.severity) for f in verdict.findings] == [(rules.CLASH, Severity.WARNING)]
    assert verdict.ready_for_officers


# --- financing -----------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "found"), [("0.01", False), ("0", True), ("1000", False)])
def test_financing_has_a_positive_amount(amount, found):
    line = Funding(source="regular_budget", amount=Decimal(amount), currency="USD")
    assert (rules.FINANCING in rules_of(replace(COMPLETE, financing=(line,)))) is found


def test_extra_budgetary_financing_names_a_donor():
    anonymous = Funding(source="extra_budgetary", amount=Decimal(5000), currency="EUR")
    named = replace(anonymous, donor="European Union")
    regular = Funding(source="regular_budget", amount=Decimal(1), currency="CHF")
    findings = evaluate_proposal(replace(COMPLETE, financing=(regular, anonymous))).findings
    assert [f.message_in("en") for f in findings] == [
        "Financing 2 is extra-budgetary: name the donor."]
    assert rules_of(replace(COMPLETE, financing=(regular, named))) == []


# --- languages -----------------------------------------------------------------------------

def test_at_least_one_working_language():
    assert rules_of(replace(COMPLETE, languages=())) == [rules.LANGUAGE]
    assert rules_of(replace(COMPLETE, languages=("ar",))) == []


# --- women among resource persons ----------------------------------------------------------

@pytest.mark.parametrize(("women", "found"), [(3, False), (2, True), (4, False)])
def test_women_among_resource_persons_below_thirty_per_cent(women, found):
    proposal = replace(COMPLETE, composition=replace(
        COMPLETE.composition, resource_persons=10, resource_persons_women=women))
    assert (rules.WOMEN_RESOURCE_PERSONS in rules_of(proposal)) is found


def test_women_share_uses_exact_fractions_and_the_parameter():
    # 1 of 3 is 33.3 %: not below 30 %, but below a target of 34 %.
    proposal = replace(COMPLETE, composition=replace(
        COMPLETE.composition, resource_persons=3, resource_persons_women=1))
    assert rules_of(proposal) == []
    findings = evaluate_proposal(proposal, settings={
        rules.WOMEN_RESOURCE_PERSONS: RuleSetting(severity="warning", parameter=34)}).findings
    assert [f.message_in("en") for f in findings] == [
        "1 of the 3 resource persons are women (33 %), below the target of 34 %."]
    no_resource_persons = replace(COMPLETE, composition=replace(
        COMPLETE.composition, resource_persons=0, resource_persons_women=0))
    assert rules_of(no_resource_persons) == []


# --- the secretariat's settings ------------------------------------------------------------

def test_a_rule_switched_off_finds_nothing():
    proposal = replace(COMPLETE, languages=())
    assert rules_of(proposal, settings={rules.LANGUAGE: RuleSetting(enabled=False)}) == []


def test_a_rule_made_a_warning_no_longer_blocks():
    proposal = replace(COMPLETE, consulted_workers=None)
    verdict = evaluate_proposal(proposal, settings={
        rules.CONSULTED: RuleSetting(severity=Severity.WARNING)})
    assert [f.severity for f in verdict.findings] == [Severity.WARNING]
    assert verdict.ready_for_officers


def test_a_setting_without_parameter_keeps_the_default_parameter():
    chosen = rules.settings_with_defaults({rules.LEAD_TIME: RuleSetting(severity="warning")})
    assert chosen[rules.LEAD_TIME] == RuleSetting(severity=Severity.WARNING, parameter=8)


def test_an_unknown_rule_in_the_settings_is_refused():
    with pytest.raises(ValueError, match="unknown rule: MTG-9"):
        evaluate_proposal(COMPLETE, settings={"MTG-9": RuleSetting()})


def test_every_rule_has_a_provision_a_title_and_a_default():
    assert set(rules.RULES) == set(rules.DEFAULT_SETTINGS) == set(rules.RULE_TITLES)
    assert all(set(title) == {"en", "fr", "es"} for title in rules.RULE_TITLES.values())


# --- bad input -----------------------------------------------------------------------------

def problems_of(proposal, **kwargs):
    return [(p.field, p.message_in("en")) for p in input_problems(proposal, **kwargs)]


def test_an_end_before_the_start_is_refused_and_the_same_day_is_not():
    assert problems_of(replace(COMPLETE, end=START)) == []
    assert problems_of(replace(COMPLETE, end=START - timedelta(days=1))) == [
        ("end", "The meeting ends (9 May 2027) before it starts (10 May 2027).")]


def test_negative_amounts_and_unknown_currencies_are_refused():
    lines = (Funding(source="other", amount=Decimal("-1"), currency="USD"),
             Funding(source="other", amount=Decimal("10"), currency="XYZ"))
    assert problems_of(replace(COMPLETE, financing=lines)) == [
        ("amount", "An amount cannot be negative: -1."),
        ("currency", "Unknown currency: XYZ (an ISO 4217 code such as USD, EUR or CHF is "
                     "expected).")]


def test_unknown_countries_are_refused_when_the_known_ones_are_given():
    proposal = replace(COMPLETE, coverage=("SN", "ZZ", "QQ"))
    assert problems_of(proposal) == []
    assert problems_of(proposal, known_countries={"SN", "CI"}) == [
        ("coverage", "Unknown country: ZZ, QQ (an ISO 3166-1 alpha-2 code of a member State "
                     "is expected).")]


def test_more_women_than_resource_persons_is_refused():
    proposal = replace(COMPLETE, composition=replace(
        COMPLETE.composition, resource_persons=2, resource_persons_women=3))
    assert problems_of(proposal) == [
        ("resource_persons_women", "Resource persons: 2, of whom women: 3 — impossible.")]


def test_currencies_are_iso_4217_codes_in_circulation():
    assert {"USD", "EUR", "CHF", "XOF", "XAF", "JPY", "ZAR", "XDR"} <= CURRENCIES
    assert not {"XXX", "XTS", "XAU", "FRF", "DEM"} & CURRENCIES
    assert all(len(code) == 3 and code.isupper() for code in CURRENCIES)


# --- properties ----------------------------------------------------------------------------

counts = st.one_of(st.none(), st.integers(min_value=0, max_value=50))


@given(employers=counts, workers=counts, persons=counts, women=counts,
       enabled=st.booleans())
def test_switching_a_rule_off_never_adds_a_finding(employers, workers, persons, women,
                                                   enabled):
    proposal = replace(COMPLETE, composition=Composition(
        government=1, employers=employers, workers=workers, resource_persons=persons,
        resource_persons_women=women, observers=0))
    every = evaluate_proposal(proposal).findings
    fewer = evaluate_proposal(proposal, settings={
        rules.PARITY: RuleSetting(enabled=enabled)}).findings
    assert set(fewer) <= set(every)
    assert {f.rule for f in every} - {f.rule for f in fewer} <= {rules.PARITY}


@given(days=st.integers(min_value=-30, max_value=400))
def test_submitting_earlier_never_adds_a_lead_time_finding(days):
    later = replace(COMPLETE, submitted_on=START - timedelta(days=days))
    earlier = replace(COMPLETE, submitted_on=START - timedelta(days=days + 1))
    if rules.LEAD_TIME not in rules_of(later):
        assert rules.LEAD_TIME not in rules_of(earlier)


@pytest.mark.parametrize(("day", "en", "fr", "es"), [
    (date(2027, 3, 15), "15 March 2027", "15 mars 2027", "15 de marzo de 2027"),
    (date(2026, 6, 1), "1 June 2026", "1er juin 2026", "1 de junio de 2026"),
    (date(2026, 7, 1), "1 July 2026", "1er juillet 2026", "1 de julio de 2026"),
])
def test_a_date_in_a_message_is_written_as_each_language_writes_it(day, en, fr, es):
    assert dates.written(day) == {"en": en, "fr": fr, "es": es}
