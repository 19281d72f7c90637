"""Delegation rules, from the wording of the provisions and the examples of ilo-rules.md.

Pure rules: no Django, no database.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules.delegations import (
    Delegation,
    Gender,
    Group,
    Member,
    Person,
    Role,
    SessionFacts,
    Votes,
    credentials_deadline,
    evaluate_delegation,
    in_arrears,
    women_share,
)
from tripartite.rules.findings import Severity
from tripartite.rules.objections import Objection, objection_deadline, objection_receivable

OPENING = date(2025, 6, 2)  # a Monday
GENEVA = ZoneInfo("Europe/Zurich")  # Geneva keeps Zurich's time: there is no Europe/Geneva
SESSION = SessionFacts(opening=OPENING, agenda_items=4)
ON_TIME = OPENING - timedelta(days=30)


def person(id, group="government", role="delegate", gender="f", **fields) -> Person:
    return Person(id=id, group=group, role=role, gender=gender, **fields)


G1, G2 = person("G1"), person("G2", gender="m")
E, W = person("E", "employers"), person("W", "workers", gender="m")


MEMBER = Member("CHE")


def delegation(*persons, member=MEMBER, session=SESSION, received_on=ON_TIME):
    return Delegation(member=member, session=session, persons=tuple(persons),
                      received_on=received_on)


def evaluate(*persons, **options):
    scope = options.pop("arrears_scope", "government")
    return evaluate_delegation(delegation(*persons, **options), arrears_scope=scope)


def findings_of(verdict, rule):
    return [finding for finding in verdict.findings if finding.rule == rule]


def adviser(id, to, group="government", gender="f", items=()):
    return person(id, group, "adviser", gender, adviser_to=to, agenda_items=items)


# A complete delegation ------------------------------------------------------------------------


def test_a_complete_delegation_has_four_votes_and_no_findings():
    verdict = evaluate(G1, G2, E, W)
    assert verdict.votes == Votes(government=2, employers=1, workers=1)
    assert verdict.voters == ("E", "G1", "G2", "W")
    assert verdict.findings == ()


# CON-1: Constitution art. 3(1) ----------------------------------------------------------------


def test_three_government_delegates_are_an_error_and_none_of_them_votes():
    verdict = evaluate(G1, G2, person("G3"), E, W)
    (finding,) = findings_of(verdict, "CON-1")
    assert (finding.provision, finding.severity) == ("Constitution art. 3(1)", Severity.ERROR)
    assert finding.message["en"].startswith("3 Government delegates are nominated")
    assert verdict.votes == Votes(government=0, employers=1, workers=1)


def test_two_workers_delegates_are_an_error():
    verdict = evaluate(G1, G2, E, W, person("W2", "workers"))
    (finding,) = findings_of(verdict, "CON-1")
    assert "2 Workers' delegates" in finding.message["en"]
    assert verdict.votes == Votes(government=2, employers=1, workers=0)


def test_a_refused_third_government_delegate_leaves_two_who_vote():
    verdict = evaluate(G1, G2, person("G3", admitted=False), E, W)
    assert findings_of(verdict, "CON-1") == []
    assert verdict.votes == Votes(government=2, employers=1, workers=1)


# CON-4: Constitution art. 4 -------------------------------------------------------------------


def test_rules_file_example_workers_delegate_missing():
    """G1, G2, E nominated, W missing: G1 and G2 vote; E sits and speaks without a vote."""
    verdict = evaluate(G1, G2, E)
    assert verdict.voters == ("G1", "G2")
    assert verdict.votes == Votes(government=2, employers=0, workers=0)
    (finding,) = findings_of(verdict, "CON-4")
    assert (finding.provision, finding.severity) == ("Constitution art. 4(2)", Severity.WARNING)
    assert finding.message["en"] == (
        "Incomplete delegation: no Workers' delegate is nominated, so the Employers' delegate "
        "may sit and speak but may not vote.")


def test_a_lone_workers_delegate_does_not_vote():
    verdict = evaluate(G1, G2, W)
    assert verdict.voters == ("G1", "G2")
    (finding,) = findings_of(verdict, "CON-4")
    assert "the Workers' delegate may sit and speak but may not vote" in finding.message["en"]
    assert "le délégué des travailleurs peut siéger" in finding.message["fr"]
    assert "el delegado de los trabajadores puede participar" in finding.message["es"]


def test_both_non_government_delegates_missing_leaves_the_government_votes():
    verdict = evaluate(G1, G2)
    assert verdict.votes == Votes(government=2, employers=0, workers=0)
    (finding,) = findings_of(verdict, "CON-4")
    assert (finding.provision, finding.severity) == ("Constitution art. 4(1)", Severity.WARNING)
    assert finding.message["en"].startswith(
        "Incomplete delegation: neither an Employers' nor a Workers' delegate")


def test_a_refused_delegate_counts_as_not_nominated_and_leaves_the_other_lone():
    verdict = evaluate(G1, G2, E, replace(W, admitted=False))
    assert verdict.voters == ("G1", "G2")
    assert [(f.provision, f.severity) for f in findings_of(verdict, "CON-4")] == [
        ("Constitution art. 4(3)", Severity.INFO),
        ("Constitution art. 4(2)", Severity.WARNING),
    ]


def test_a_refused_government_delegate_does_not_vote_and_the_other_still_does():
    verdict = evaluate(G1, replace(G2, admitted=False), E, W)
    assert verdict.voters == ("E", "G1", "W")


@pytest.mark.parametrize("role", [
    "substitute_delegate", "adviser_substitute_delegate", "adviser", "territory_adviser",
    "minister", "accompanying_minister", "state_representative", "observer", "other",
])
def test_only_delegates_hold_votes(role):
    verdict = evaluate(G1, G2, E, W, person("X", "workers", role, adviser_to=None))
    assert "X" not in verdict.voters
    assert verdict.votes == Votes(government=2, employers=1, workers=1)


def test_a_substitute_does_not_make_a_lone_delegate_complete():
    verdict = evaluate(G1, G2, E, person("WS", "workers", "substitute_delegate"))
    assert verdict.votes == Votes(government=2, employers=0, workers=0)


# CON-6: Constitution art. 13(4) ---------------------------------------------------------------


def test_rules_file_example_arrears_equal_to_two_years_dues_lose_the_vote():
    assert in_arrears(200_000, 2 * 100_000) is True


def test_rules_file_example_arrears_below_two_years_dues_keep_the_vote():
    assert in_arrears(199_999, 2 * 100_000) is False


def test_arrears_above_two_years_dues_lose_the_vote():
    assert in_arrears(250_000, 200_000) is True


def test_a_member_that_owes_nothing_is_not_in_arrears():
    assert in_arrears(0, 0) is False


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        in_arrears(-1, 200_000)


IN_ARREARS = Member("XYZ", in_arrears=True)


def test_arrears_remove_the_government_votes_by_default():
    verdict = evaluate(G1, G2, E, W, member=IN_ARREARS)
    assert verdict.voters == ("E", "W")
    assert verdict.votes == Votes(government=0, employers=1, workers=1)
    (finding,) = findings_of(verdict, "CON-6")
    assert (finding.provision, finding.severity) == ("Constitution art. 13(4)",
                                                      Severity.WARNING)
    assert finding.message["en"].startswith(
        "XYZ is in arrears of contributions: its Government delegates may not vote.")


def test_arrears_scope_delegation_removes_every_vote():
    verdict = evaluate(G1, G2, E, W, member=IN_ARREARS, arrears_scope="delegation")
    assert verdict.voters == ()
    assert verdict.votes == Votes()
    (finding,) = findings_of(verdict, "CON-6")
    assert "none of its delegates may vote" in finding.message["en"]


def test_a_restored_vote_keeps_every_vote_with_an_info_finding():
    restored = Member("XYZ", in_arrears=True, vote_restored=True)
    verdict = evaluate(G1, G2, E, W, member=restored, arrears_scope="delegation")
    assert verdict.votes == Votes(government=2, employers=1, workers=1)
    (finding,) = findings_of(verdict, "CON-6")
    assert (finding.provision, finding.severity) == ("Constitution art. 13(4)", Severity.INFO)
    assert "restored its right to vote" in finding.message["en"]


def test_arrears_and_a_lone_delegate_combine():
    verdict = evaluate(G1, G2, E, member=IN_ARREARS)
    assert verdict.voters == ()


def test_an_unknown_arrears_scope_is_refused():
    with pytest.raises(ValueError, match="arrears_scope"):
        evaluate(G1, arrears_scope="everyone")


# CON-2: Constitution art. 3(2); SO-2021 art. 1(2) ---------------------------------------------


def advisers_of(delegate_id, count, group="government", items=None):
    return [adviser(f"{delegate_id}-a{n}", delegate_id, group,
                    items=() if items is None else (items[n],))
            for n in range(count)]


def test_two_advisers_per_agenda_item_per_delegate_are_allowed():
    # Four items: up to eight advisers for each delegate, 32 for a full delegation.
    advisers = [a for d, g in [("G1", "government"), ("G2", "government"), ("E", "employers"),
                               ("W", "workers")] for a in advisers_of(d, 8, g)]
    assert findings_of(evaluate(G1, G2, E, W, *advisers), "CON-2") == []


def test_one_adviser_over_the_limit_is_an_error():
    verdict = evaluate(G1, G2, E, W, *advisers_of("G1", 9))
    (finding,) = findings_of(verdict, "CON-2")
    assert (finding.severity, finding.provision) == (
        Severity.ERROR, "Constitution art. 3(2); SO-2021 art. 1(2)")
    assert finding.message["en"] == (
        "Advisers accompanying delegate G1: 9; the limit is 8 (two per agenda item; the "
        "session has 4).")


# CON-2: Constitution art. 3(3), the additional advisers for non-metropolitan territories -------

def territory_adviser(id, to, represents="Greenland", group="government", items=()):
    return person(id, group, "territory_adviser", adviser_to=to, represents=represents,
                  agenda_items=items)


def test_additional_advisers_are_not_counted_against_the_limit_of_advisers():
    # "may appoint as additional advisers to each of its delegates": on top of the eight
    # advisers four items allow each delegate, and for an item already followed by two.
    verdict = evaluate(G1, G2, E, W, *advisers_of("G1", 8, items=[1, 1, 2, 2, 3, 3, 4, 4]),
                       territory_adviser("T1", "G1", items=(1,)),
                       territory_adviser("T2", "G1", "Faroe Islands", items=(1,)))
    assert [f.severity for f in findings_of(verdict, "CON-2")] == [Severity.INFO, Severity.INFO]
    assert verdict.votes == Votes(government=2, employers=1, workers=1)


def test_an_additional_adviser_is_an_adviser_to_one_of_the_delegates():
    # "to each of its delegates": they accompany a delegate, as any adviser does.
    verdict = evaluate(G1, G2, E, W, territory_adviser("T", "E-2"),
                       territory_adviser("U", None))
    assert [(f.severity, f.provision, f.message["en"]) for f in findings_of(verdict, "CON-2")
            if f.severity is not Severity.INFO] == [
        (Severity.ERROR, "Constitution art. 3(2); SO-2021 art. 1(2)",
         "Adviser T accompanies E-2, who is not among the delegation's delegates."),
        (Severity.WARNING, "Constitution art. 3(2); SO-2021 art. 1(2)",
         "Say which delegate adviser U accompanies (adviser_to): otherwise the limit of "
         "advisers per delegate cannot be checked.")]


def test_an_additional_adviser_names_the_territory_represented_or_advised_on():
    # (a) "representatives of any such territory"; (b) "to advise ... in regard to matters
    # concerning non-self-governing territories".
    verdict = evaluate(G1, G2, E, W, territory_adviser("T", "G1", represents="  "))
    (finding,) = findings_of(verdict, "CON-2")
    assert (finding.severity, finding.provision, finding.message["en"]) == (
        Severity.WARNING, "Constitution art. 3(3)",
        "Additional adviser T: say which non-metropolitan territory they represent or advise "
        "on.")


def test_the_office_is_reminded_that_only_a_member_responsible_for_territories_may_appoint():
    # "Each Member which is responsible for the international relations of non-metropolitan
    # territories may appoint": the rules cannot know which Members are, the Office can.
    verdict = evaluate(G1, G2, E, W, territory_adviser("T", "G1", represents="Greenland"))
    (finding,) = findings_of(verdict, "CON-2")
    assert (finding.severity, finding.message["en"]) == (
        Severity.INFO,
        "Additional adviser T for Greenland: not counted against the limit of advisers. Only "
        "a Member responsible for the international relations of that territory may appoint "
        "them.")
    assert finding.message["fr"].startswith("Conseiller technique supplémentaire T pour "
                                            "Greenland")


def test_additional_advisers_count_in_the_gender_balance_as_advisers():
    women = women_share((G1, G2, E, W, territory_adviser("T", "G1")))
    assert women == Fraction(3, 5)  # G1, E and T are women; G2 and W men


def test_a_refused_additional_adviser_is_not_reported():
    refused = replace(territory_adviser("T", "G1", represents=""), admitted=False)
    assert findings_of(evaluate(G1, G2, E, W, refused), "CON-2") == []


# CON-3b: the other persons admitted to the sittings --------------------------------------------

def test_ministers_and_representatives_of_federal_states_come_with_the_government():
    verdict = evaluate(G1, G2, E, W,
                       person("M", "government", "minister"),
                       person("P", "government", "state_representative", represents="Ontario"),
                       person("A", "workers", "accompanying_minister"),
                       person("R", "employers", "state_representative", represents="Québec"))
    assert [(f.severity, f.provision, f.message["en"]) for f in findings_of(verdict, "CON-3b")
            ] == [(Severity.WARNING, "Constitution arts 12(2), 18; SO-2021 art. 2",
                   f"{who} is admitted to the sittings with the Member's Government (a "
                   "Minister, a person accompanying a Minister, or a representative of a "
                   "State or province of a federal State): list them in the Government group.")
                  for who in ("A", "R")]


def test_a_representative_of_a_federal_state_names_the_state_or_province():
    verdict = evaluate(G1, G2, E, W, person("P", "government", "state_representative"))
    (finding,) = findings_of(verdict, "CON-3b")
    assert finding.message["en"] == (
        "Representative P: say which State or province of the federal State they represent.")


@pytest.mark.parametrize("role", ["minister", "state_representative", "observer", "other"])
def test_the_other_persons_admitted_never_count_against_the_advisers_limit(role):
    extra = person("X", "government", role, adviser_to="G1", represents="Ontario")
    verdict = evaluate(G1, G2, E, W, *advisers_of("G1", 8), extra)
    assert [f for f in findings_of(verdict, "CON-2") if f.severity is Severity.ERROR] == []


def test_observers_have_no_group_rule():
    verdict = evaluate(G1, G2, E, W, person("O", "employers", "observer"))
    assert findings_of(verdict, "CON-3b") == []


def test_two_advisers_for_one_agenda_item_are_allowed():
    verdict = evaluate(G1, G2, E, W, *advisers_of("E", 2, "employers", items=[3, 3]))
    assert findings_of(verdict, "CON-2") == []


def test_a_third_adviser_for_one_agenda_item_is_an_error():
    verdict = evaluate(G1, G2, E, W, *advisers_of("E", 3, "employers", items=[3, 3, 3]))
    (finding,) = findings_of(verdict, "CON-2")
    assert finding.severity == Severity.ERROR
    assert finding.message["en"] == (
        "Advisers accompanying delegate E for agenda item 3: 3; the limit is 2 per item.")


def test_advisers_count_against_their_own_delegate():
    # Three advisers on item 3, but for two different delegates: within the limit.
    advisers = [*advisers_of("G1", 2, items=[3, 3]), *advisers_of("G2", 1, items=[3])]
    assert findings_of(evaluate(G1, G2, E, W, *advisers), "CON-2") == []


def test_substitute_delegates_count_as_advisers():
    substitutes = [person(f"s{n}", "workers", "substitute_delegate", adviser_to="W")
                   for n in range(9)]
    (finding,) = findings_of(evaluate(G1, G2, E, W, *substitutes), "CON-2")
    assert "W: 9" in finding.message["en"]


def test_an_adviser_without_adviser_to_counts_against_the_only_delegate_of_the_group():
    advisers = [person(f"a{n}", "employers", "adviser") for n in range(9)]
    (finding,) = findings_of(evaluate(G1, G2, E, W, *advisers), "CON-2")
    assert "delegate E: 9" in finding.message["en"]


def test_an_adviser_without_adviser_to_among_two_government_delegates_is_a_warning():
    verdict = evaluate(G1, G2, E, W, person("a", role="adviser"))
    (finding,) = findings_of(verdict, "CON-2")
    assert finding.severity == Severity.WARNING
    assert "Say which delegate adviser a accompanies" in finding.message["en"]


def test_an_adviser_with_no_delegate_in_the_group_is_a_warning():
    verdict = evaluate(G1, G2, E, person("a", "workers", "adviser"))
    (finding,) = findings_of(verdict, "CON-2")
    assert finding.severity == Severity.WARNING


@pytest.mark.parametrize("target", ["nobody", "G1-a0"])
def test_adviser_to_someone_who_is_not_a_delegate_is_an_error(target):
    verdict = evaluate(G1, G2, E, W, *advisers_of("G1", 1), adviser("x", target))
    (finding,) = findings_of(verdict, "CON-2")
    assert finding.severity == Severity.ERROR
    assert finding.message["en"] == (
        f"Adviser x accompanies {target}, who is not among the delegation's delegates.")


def test_no_agenda_item_means_no_adviser():
    session = SessionFacts(opening=OPENING, agenda_items=0)
    (finding,) = findings_of(evaluate(G1, G2, E, W, adviser("a", "G1"), session=session),
                             "CON-2")
    assert "the limit is 0" in finding.message["en"]


def test_advisers_never_vote():
    verdict = evaluate(G1, G2, E, W, *advisers_of("G1", 2))
    assert verdict.voters == ("E", "G1", "G2", "W")


# CRED-1: deposit of credentials ---------------------------------------------------------------


def test_rules_file_example_credentials_due_21_days_before_opening():
    # 2022: due 6 May for an opening on 27 May.
    assert credentials_deadline(date(2022, 5, 27)) == date(2022, 5, 6)


def test_credentials_received_on_the_deadline_are_in_time():
    verdict = evaluate(G1, G2, E, W, received_on=date(2025, 5, 12))
    assert findings_of(verdict, "CRED-1") == []


def test_credentials_received_the_day_after_the_deadline_are_late():
    (finding,) = findings_of(evaluate(G1, G2, E, W, received_on=date(2025, 5, 13)), "CRED-1")
    assert finding.severity == Severity.WARNING
    assert finding.message["en"] == (
        "Credentials received late: on 13 May 2025, after the deadline of 12 May 2025 (21 days "
        "before the opening).")
    assert "13 mai 2025" in finding.message["fr"] and "12 mai 2025" in finding.message["fr"]
    assert "13 de mayo de 2025" in finding.message["es"]


def test_the_session_own_deadline_replaces_the_21_days():
    session = SessionFacts(opening=OPENING, agenda_items=4,
                           credentials_deadline=date(2025, 5, 20))
    assert findings_of(evaluate(G1, G2, E, W, session=session, received_on=date(2025, 5, 20)),
                       "CRED-1") == []
    (late,) = findings_of(evaluate(G1, G2, E, W, session=session,
                                   received_on=date(2025, 5, 21)), "CRED-1")
    assert "the session's own deadline" in late.message["en"]


def test_credentials_not_received_are_an_info_finding():
    (finding,) = findings_of(evaluate(G1, G2, E, W, received_on=None), "CRED-1")
    assert finding.severity == Severity.INFO
    assert finding.message["en"] == "Credentials not yet received; they are due by 12 May 2025."
    assert "12 mai 2025" in finding.message["fr"] and "12 de mayo de 2025" in finding.message["es"]


# GEN-4: gender balance ------------------------------------------------------------------------


def test_women_share_counts_delegates_and_advisers_only():
    persons = (G1, G2, E, W, person("min", role="minister", gender="f"),
               adviser("a", "G1", gender="m"))
    assert women_share(persons) == Fraction(2, 5)


def test_under_30_percent_women_is_a_warning_with_the_share():
    men = [replace(G2, id="G"), replace(E, gender="m"), W,
           *[adviser(f"a{n}", "G", gender="m") for n in range(4)]]
    verdict = evaluate(G1, *men)  # 1 woman of 8
    (finding,) = findings_of(verdict, "GEN-4")
    assert finding.severity == Severity.WARNING
    assert finding.message["en"] == (
        "Women are 12% of the delegates and advisers (1 of 8); the target is at least 30%.")
    assert "12\u00a0%" in finding.message["fr"]


def test_exactly_30_percent_women_meets_the_target():
    women = [adviser(f"f{n}", "G1", gender="f") for n in range(2)]
    men = [adviser(f"m{n}", "G2", gender="m") for n in range(4)]
    verdict = evaluate(G1, G2, replace(E, gender="m"), W, *women, *men)  # 3 of 10
    assert findings_of(verdict, "GEN-4") == []


def test_29_percent_reads_as_29_not_30():
    persons = [replace(G1, gender="m"), G2, replace(E, gender="m"), W,
               *[adviser(f"f{n}", "G2", gender="f") for n in range(29)],
               *[adviser(f"m{n}", "G1", gender="m") for n in range(67)]]  # 29 of 100
    (finding,) = findings_of(evaluate(*persons), "GEN-4")
    assert "Women are 29%" in finding.message["en"]


# Duplicates ---------------------------------------------------------------------------------


def test_the_same_person_twice_is_an_error_and_counts_once():
    verdict = evaluate(G1, G2, E, W, G1)
    (finding,) = findings_of(verdict, "DATA-1")
    assert finding.severity == Severity.ERROR
    assert finding.message["en"].startswith("Person G1 appears 2 times")
    assert verdict.votes == Votes(government=2, employers=1, workers=1)


# Messages in three languages ----------------------------------------------------------------


def test_every_finding_speaks_english_french_and_spanish():
    verdict = evaluate(G1, G2, person("G3"), E, person("a", "employers", "adviser"), G1,
                       *advisers_of("E", 9, "employers"), member=IN_ARREARS, received_on=None)
    assert {f.rule for f in verdict.findings} >= {"CON-1", "CON-2", "CON-4", "CON-6",
                                                   "CRED-1", "DATA-1"}
    for finding in verdict.findings:
        assert set(finding.message) == {"en", "fr", "es"}
        assert len({finding.message[language] for language in ("en", "fr", "es")}) == 3


def test_plain_strings_are_accepted_and_unknown_values_refused():
    assert person("p").group is Group.GOVERNMENT
    assert person("p").role is Role.DELEGATE
    assert person("p").gender is Gender.FEMALE
    with pytest.raises(ValueError):
        person("p", group="observers")


# CRED-3: objections, old SO art. 26bis --------------------------------------------------------


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 6, day, hour, minute, tzinfo=GENEVA)


WEDNESDAY = date(2025, 6, 4)


def receivable(objection, opening=OPENING):
    return objection_receivable(objection, opening=opening, time_zone=GENEVA)


def test_rules_file_example_opening_monday_deadline_thursday_10_00():
    assert objection_deadline(opening=OPENING, time_zone=GENEVA) == at(5, 10)


def test_rules_file_example_revised_list_wednesday_deadline_friday_10_00():
    assert objection_deadline(opening=OPENING, time_zone=GENEVA,
                              revised_list_published_on=WEDNESDAY) == at(6, 10)


def test_an_objection_lodged_exactly_at_the_deadline_is_receivable():
    verdict = receivable(Objection(lodged_at=at(5, 10)))
    assert verdict.receivable is True
    (finding,) = verdict.findings
    assert (finding.rule, finding.severity) == ("CRED-3", Severity.INFO)
    assert finding.provision == "ILC Standing Orders (2008) art. 26bis"


def test_an_objection_lodged_one_minute_late_is_irreceivable():
    verdict = receivable(Objection(lodged_at=at(5, 10, 1)))
    assert verdict.receivable is False
    (finding,) = verdict.findings
    assert finding.severity == Severity.WARNING  # advice: the Committee decides
    assert finding.message["en"] == (
        "Irreceivable: lodged on 2025-06-05 10:01 (local time), after the time limit ending "
        "2025-06-05 10:00 (72 hours from 10:00 on the opening day).")


def test_against_a_revised_list_exactly_at_the_deadline_is_receivable():
    objection = Objection(lodged_at=at(6, 10), revised_list_published_on=WEDNESDAY)
    assert receivable(objection).receivable is True


def test_against_a_revised_list_one_minute_late_is_irreceivable():
    objection = Objection(lodged_at=at(6, 10, 1), revised_list_published_on=WEDNESDAY)
    verdict = receivable(objection)
    assert verdict.receivable is False
    assert "48 hours from 10:00 on the day the revised list was published" in \
        verdict.findings[0].message["en"]


def test_the_deadline_is_in_the_conference_local_time():
    # Thursday 10:00 in Geneva (summer time) is 08:00 UTC.
    assert receivable(Objection(lodged_at=datetime(2025, 6, 5, 8, tzinfo=UTC))).receivable
    assert not receivable(Objection(lodged_at=datetime(2025, 6, 5, 8, 1, tzinfo=UTC))).receivable


def test_72_hours_are_elapsed_hours_across_the_end_of_summer_time():
    # A meeting opening on Friday 24 October 2025 in Geneva: clocks go back on the Sunday,
    # so 72 hours after 10:00 summer time is 09:00 winter time on the Monday.
    deadline = objection_deadline(opening=date(2025, 10, 24), time_zone=GENEVA)
    assert deadline == datetime(2025, 10, 27, 9, tzinfo=GENEVA)


@pytest.mark.parametrize(("ground", "text"), [
    ("authors_anonymous", "the authors of the objection are anonymous"),
    ("author_is_adviser_to_delegate", "its author is an adviser to the delegate objected to"),
    ("same_facts_found_irrelevant", "already found the same facts irrelevant"),
])
def test_grounds_of_irreceivability_other_than_time(ground, text):
    verdict = receivable(Objection(lodged_at=at(3, 9), **{ground: True}))
    assert verdict.receivable is False
    (finding,) = verdict.findings
    assert (finding.rule, finding.severity) == ("CRED-3", Severity.WARNING)
    assert text in finding.message["en"]


def test_every_ground_is_reported():
    verdict = receivable(Objection(lodged_at=at(9, 9), authors_anonymous=True,
                                   author_is_adviser_to_delegate=True,
                                   same_facts_found_irrelevant=True))
    assert len(verdict.findings) == 4


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        receivable(Objection(lodged_at=datetime(2025, 6, 5, 10)))


# Properties -----------------------------------------------------------------------------------


groups = st.sampled_from(list(Group))
roles = st.sampled_from(list(Role))
genders = st.sampled_from(list(Gender))


@st.composite
def delegations(draw):
    count = draw(st.integers(0, 9))
    persons = []
    for index in range(count):
        role = draw(roles)
        persons.append(Person(
            id=f"p{index}", group=draw(groups), role=role, gender=draw(genders),
            agenda_items=tuple(draw(st.lists(st.integers(1, 5), max_size=3))),
            adviser_to=draw(st.none() | st.sampled_from([f"p{i}" for i in range(count)])),
            admitted=draw(st.booleans()),
        ))
    member = Member("XYZ", in_arrears=draw(st.booleans()), vote_restored=draw(st.booleans()))
    session = SessionFacts(opening=OPENING, agenda_items=draw(st.integers(0, 5)))
    received = draw(st.none() | st.dates(date(2025, 1, 1), date(2025, 7, 1)))
    return Delegation(member=member, session=session, persons=tuple(persons),
                      received_on=received)


scopes = st.sampled_from(["government", "delegation"])


@given(delegations(), scopes, groups, genders, st.booleans(), st.data())
def test_adding_an_adviser_never_changes_the_votes(delegation, scope, group, gender, admitted,
                                                   data):
    ids = [p.id for p in delegation.persons]
    new = Person(id="new-adviser", group=group, gender=gender, admitted=admitted,
                 role=data.draw(st.sampled_from(["adviser", "adviser_substitute_delegate",
                                                 "substitute_delegate"])),
                 adviser_to=data.draw(st.none() | st.sampled_from(ids or ["nobody"])))
    before = evaluate_delegation(delegation, arrears_scope=scope)
    after = evaluate_delegation(replace(delegation, persons=(*delegation.persons, new)),
                                arrears_scope=scope)
    assert (after.votes, after.voters) == (before.votes, before.voters)


@given(delegations(), scopes)
def test_votes_never_exceed_two_one_one(delegation, scope):
    votes = evaluate_delegation(delegation, arrears_scope=scope).votes
    assert votes.government <= 2 and votes.employers <= 1 and votes.workers <= 1


@given(delegations(), scopes)
def test_voters_are_admitted_delegates_and_match_the_votes(delegation, scope):
    verdict = evaluate_delegation(delegation, arrears_scope=scope)
    by_id = {p.id: p for p in delegation.persons}
    assert all(by_id[v].role is Role.DELEGATE and by_id[v].admitted for v in verdict.voters)
    assert sum(verdict.votes.as_dict().values()) == len(verdict.voters)


@given(delegations())
def test_a_lone_non_government_delegate_never_votes(delegation):
    verdict = evaluate_delegation(delegation)
    admitted = {p.group for p in delegation.persons if p.role is Role.DELEGATE and p.admitted}
    if (Group.EMPLOYERS in admitted) != (Group.WORKERS in admitted):
        assert verdict.votes.employers == verdict.votes.workers == 0


def test_credentials_are_late_only_when_received_after_the_deadline():
    from datetime import date

    from tripartite.rules.delegations import credentials_late

    deadline = date(2026, 5, 11)
    assert credentials_late(date(2026, 5, 12), deadline) is True
    assert credentials_late(date(2026, 5, 11), deadline) is False  # on the day is in time
    assert credentials_late(None, deadline) is False  # not received is not late


# Each delegate's vote, with its reasons -------------------------------------------------------


def reasons_of(verdict):
    return {vote.person: (vote.votes, [(f.rule, f.provision) for f in vote.reasons])
            for vote in verdict.delegates}


def test_each_delegate_of_a_complete_delegation_votes_individually():
    verdict = evaluate(G1, G2, E, W, adviser("A", "G1"))
    assert reasons_of(verdict) == {
        pid: (True, [("CON-4", "Constitution art. 4(1)")]) for pid in ("G1", "G2", "E", "W")}
    assert verdict.delegates[0].reasons[0].message["fr"] == "Chaque délégué vote individuellement."


def test_each_delegate_without_a_vote_carries_the_findings_that_take_it_away():
    refused = person("W", "workers", admitted=False)
    verdict = evaluate(G1, G2, person("G3"), E, refused,
                       member=Member("CHE", in_arrears=True))
    assert reasons_of(verdict) == {
        "G1": (False, [("CON-1", "Constitution art. 3(1)"), ("CON-6", "Constitution art. 13(4)")]),
        "G2": (False, [("CON-1", "Constitution art. 3(1)"), ("CON-6", "Constitution art. 13(4)")]),
        "G3": (False, [("CON-1", "Constitution art. 3(1)"), ("CON-6", "Constitution art. 13(4)")]),
        "E": (False, [("CON-4", "Constitution art. 4(2)")]),
        "W": (False, [("CON-4", "Constitution art. 4(3)")]),
    }


def test_a_restored_vote_is_explained_by_the_arrears_rule():
    verdict = evaluate(G1, E, W, member=Member("CHE", in_arrears=True, vote_restored=True))
    assert {vote.votes for vote in verdict.delegates} == {True}
    assert {f.severity for vote in verdict.delegates for f in vote.reasons} == {Severity.INFO}
    assert reasons_of(verdict)["G1"] == (True, [("CON-6", "Constitution art. 13(4)")])


@given(delegations(), scopes)
def test_each_delegate_votes_exactly_when_the_verdict_counts_them(delegation, scope):
    verdict = evaluate_delegation(delegation, arrears_scope=scope)
    assert {v.person for v in verdict.delegates if v.votes} == set(verdict.voters)
    assert all(vote.reasons for vote in verdict.delegates)


def test_time_limits_count_elapsed_hours_across_a_change_of_summer_time():
    from datetime import time

    from tripartite.rules import dates

    # Summer time starts in Geneva on Sunday 29 March 2026 at 02:00: 72 hours from Friday
    # 10:00 end on Monday at 11:00 on the clock.
    assert dates.hours_from(date(2026, 3, 27), time(10), 72, GENEVA) == datetime(
        2026, 3, 30, 11, 0, tzinfo=GENEVA)
    assert dates.days_before(date(2026, 6, 1), days=21) == date(2026, 5, 11)
    assert dates.days_before(date(2026, 6, 1), weeks=8) == date(2026, 4, 6)


def test_the_rules_count_time_limits_in_one_module_only():
    """No date arithmetic outside rules/dates.py: a limit is counted one way everywhere."""
    from pathlib import Path

    import tripartite.rules

    folder = Path(tripartite.rules.__file__).parent
    counting = [path.name for path in folder.glob("*.py")
                if path.name != "dates.py" and "timedelta" in path.read_text()]
    assert counting == []
