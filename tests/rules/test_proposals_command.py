"""`tripartite rules proposal FILE|-`: a proposal as JSON in, findings and readiness out, exit
2 on unknown keys or values; no database (call_command runs without the django_db mark)."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

READY = {
    "type": "workshop", "title": "Workshop on minimum wages", "purpose": "To share experience.",
    "standards_relevance": "Convention No. 131.", "start": "2027-05-10", "end": "2027-05-12",
    "submitted_on": "2027-03-01",
    "place": {"country": "SN", "city": "Dakar", "online": False},
    "coverage": ["SN", "CI", "ML"], "tripartite": True,
    "composition": {"government": 6, "employers": 6, "workers": 6, "resource_persons": 4,
                    "resource_persons_women": 2, "observers": 1},
    "financing": [{"source": "regular_budget", "amount": 25000, "currency": "USD"},
                  {"source": "extra_budgetary", "amount": 10000.5, "currency": "EUR",
                   "donor": "European Union"}],
    "languages": ["fr", "en"],
    "consulted": {"employers": "2027-03-10", "workers": "2027-03-12"},
    "official_sessions": [{"name": "GB.357", "start": "2027-06-01", "end": "2027-06-02"}],
}


def run(data, *options) -> dict:
    out = StringIO()
    call_command("rules", "proposal", "-", *options, stdin=StringIO(json.dumps(data)),
                 stdout=out)
    return json.loads(out.getvalue())


def refusal(data) -> str:
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("rules", "proposal", "-", stdin=StringIO(json.dumps(data)), stderr=err)
    assert exit.value.code == 2
    return err.getvalue().strip()


def test_end_to_end_from_a_file(tmp_path):
    path = tmp_path / "proposal.json"
    path.write_text(json.dumps({**READY, "consulted": {"employers": None, "workers": None}}))
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment["TRIPARTITE_VAR_DIR"] = str(tmp_path / "var")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "tripartite"), "rules", "proposal", str(path)],
        env=environment, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
    output = json.loads(result.stdout)
    assert output["ready_for_officers"] is False
    assert [f["rule"] for f in output["findings"]] == ["MTG-2-CONSULTED", "MTG-2-CONSULTED"]
    assert set(output) == {"findings", "ready_for_officers"}
    assert set(output["findings"][0]) == {"rule", "provision", "severity", "message"}


def test_a_ready_proposal_has_no_finding():
    assert run(READY) == {"findings": [], "ready_for_officers": True}


def test_warnings_leave_it_ready_and_messages_follow_the_language():
    data = {**READY, "official_sessions": [
        {"name": "GB.357", "start": "2027-05-12", "end": "2027-05-20"}]}
    output = run(data, "--language", "fr")
    assert output == {"findings": [{
        "rule": "MTG-3-CLASH",
        "provision": "Programme of meetings approved by the Officers of the Governing Body",
        "severity": "warning",
        "message": "La réunion (du 10 mai 2027 au 12 mai 2027) chevauche GB.357 (du 12 mai 2027 "
                   "au 20 mai 2027)."}], "ready_for_officers": True}


def test_an_empty_object_lists_every_missing_field():
    output = run({})
    messages = [f["message"] for f in output["findings"] if f["rule"] == "MTG-3-COMPLETE"]
    assert len(messages) == 16
    assert messages[0] == "Missing: type of meeting."
    assert [f["rule"] for f in output["findings"]][-3:] == [
        "MTG-2-CONSULTED", "MTG-2-CONSULTED", "MTG-3-LANGUAGE"]
    assert output["ready_for_officers"] is False


def test_lead_time_and_decision_from_the_command():
    late = run({**READY, "submitted_on": "2027-03-16", "decided_on": "2027-05-10"})
    assert [f["rule"] for f in late["findings"]] == ["MTG-3-LEAD-TIME", "MTG-3-DECIDED"]


@pytest.mark.parametrize(("data", "message"), [
    ({**READY, "titel": "x"}, "-: titel: unknown key titel (expected: composition, consulted, "
                              "coverage, decided_on, end, financing, languages, "
                              "official_sessions, place, purpose, standards_relevance, start, "
                              "submitted_on, title, tripartite, type)"),
    ({**READY, "place": {"country": "SN", "town": "Dakar"}},
     "-: place.town: unknown key place.town (expected: city, country, online)"),
    ({**READY, "type": "conference"},
     '-: type: unknown value "conference" (expected one of: symposium, seminar, workshop, '
     "colloquium, technical_meeting, meeting_of_experts, similar_meeting)"),
    ({**READY, "financing": [{"source": "grant", "amount": 1, "currency": "USD"}]},
     '-: financing[0].source: unknown value "grant" (expected one of: regular_budget, '
     "extra_budgetary, other)"),
    ({**READY, "financing": [{"source": "other", "amount": 1, "currency": "ECU"}]},
     '-: financing[0].currency: unknown currency "ECU" (expected an ISO 4217 code such as '
     "USD)"),
    ({**READY, "financing": [{"source": "other", "amount": -5, "currency": "USD"}]},
     "-: financing[0].amount: an amount cannot be negative: -5"),
    ({**READY, "coverage": ["SN", "XK"]},
     "-: coverage: Unknown country: XK (an ISO 3166-1 alpha-2 code of a member State is "
     "expected)."),
    ({**READY, "end": "2027-05-09"},
     "-: end: The meeting ends (9 May 2027) before it starts (10 May 2027)."),
    ({**READY, "languages": ["fr", "xx"]},
     "-: languages: Unknown language code: xx (ISO 639-1, e.g. en, fr, es)."),
    ({**READY, "composition": {**READY["composition"], "workers": -1}},
     "-: composition.workers: a number of participants cannot be negative: -1"),
    ({**READY, "start": "10/05/2027"},
     '-: start: expected an ISO date such as 2027-03-15, got "10/05/2027"'),
    ({**READY, "tripartite": "yes"}, '-: tripartite: expected true or false, got "yes"'),
    ([], "-: expected an object, got []"),
])
def test_unknown_keys_and_values_exit_2_naming_them(data, message):
    assert refusal(data) == message


@pytest.mark.parametrize("key", ["coverage", "languages"])
def test_a_null_in_a_list_of_codes_exits_2_naming_it(key):
    # A null among the codes once reached the rules as None and ended in a traceback.
    assert refusal({**READY, key: [None]}) == (
        f"-: {key}[0]: unknown country null (expected an ISO 3166-1 alpha-2 code such as FR)"
        if key == "coverage" else f"-: {key}[0]: expected a language code, got null")


def test_not_json_exits_2():
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("rules", "proposal", "-", stdin=StringIO("{"), stderr=err)
    assert exit.value.code == 2
    assert err.getvalue().startswith("-: not valid JSON")


def test_the_other_rules_still_answer():
    out = StringIO()
    call_command("rules", "weights", "-", stdin=StringIO(json.dumps(
        {"government": 2, "employers": 1, "workers": 1})), stdout=out)
    assert json.loads(out.getvalue())["totals"]
