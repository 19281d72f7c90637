"""`tripartite rules delegation`: JSON in, verdict out, exit 2 on bad input; no database.

The exit status and standard error are tested end to end in one subprocess, and through the
console script's entry point in this process (tests/cli.py); call_command runs without the
django_db mark, so any database access would fail the test.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import cli
from tripartite.rules.delegation_json import DelegationInputError, delegation_from_dict

DELEGATION = {
    "member": {"code": "CHE", "in_arrears": False},
    "session": {"opening": "2025-06-02", "agenda_items": 4},
    "received_on": "2025-05-01",
    "persons": [
        {"id": "g1", "group": "government", "role": "delegate", "gender": "f"},
        {"id": "g2", "group": "government", "role": "delegate", "gender": "m"},
        {"id": "e1", "group": "employers", "role": "delegate", "gender": "f"},
        {"id": "a1", "group": "government", "role": "adviser", "gender": "m",
         "agenda_items": [4], "adviser_to": "g1"},
    ],
}

LONE_EMPLOYERS_DELEGATE = {
    "rule": "CON-4",
    "provision": "Constitution art. 4(2)",
    "severity": "warning",
    "message": "Incomplete delegation: no Workers' delegate is nominated, so the Employers' "
               "delegate may sit and speak but may not vote.",
}


def subprocess_tripartite(tmp_path: Path, *args: str, stdin: str = ""):
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment["TRIPARTITE_VAR_DIR"] = str(tmp_path / "var")
    return subprocess.run(
        [str(Path(sys.executable).parent / "tripartite"), "rules", "delegation", *args],
        env=environment, input=stdin, capture_output=True, text=True, timeout=120,
    )


def with_person(index: int, **changes) -> dict:
    persons = [dict(p) for p in DELEGATION["persons"]]
    persons[index].update(changes)
    return {**DELEGATION, "persons": persons}


# End to end ---------------------------------------------------------------------------------


def test_bad_json_exits_2_with_a_one_line_message(tmp_path):
    result = subprocess_tripartite(tmp_path, "-", stdin='{"member": ')
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("-: not valid JSON: Expecting value: line 1 column 12")
    assert result.stderr.count("\n") == 1


# Through the entry point, in process --------------------------------------------------------


@pytest.fixture
def tripartite(capsys, monkeypatch):
    def run(*args: str, stdin: str = ""):
        return cli.tripartite(capsys, monkeypatch, "rules", "delegation", *args, stdin=stdin)
    return run


def test_the_verdict_is_printed_as_json(tripartite):
    result = tripartite("-", stdin=json.dumps(DELEGATION))
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "votes": {"government": 2, "employers": 0, "workers": 0},
        "voters": ["g1", "g2"],
        "findings": [LONE_EMPLOYERS_DELEGATE],
    }
    assert result.stdout.startswith('{\n  "votes": {\n    "government": 2,')


def test_a_file_and_the_options(tripartite, tmp_path):
    path = tmp_path / "delegation.json"
    path.write_text(json.dumps({**DELEGATION, "member": {"code": "CHE", "in_arrears": True}}),
                    encoding="utf-8")
    result = tripartite(str(path), "--language", "fr", "--arrears-scope",
                        "delegation")
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["votes"] == {"government": 0, "employers": 0, "workers": 0}
    assert verdict["findings"][1]["message"] == (
        "CHE a des arriérés de contributions\u00a0: aucun de ses délégués ne peut voter.")
    assert "arriérés" in result.stdout  # ensure_ascii=False: the accents are printed as such


def test_an_unknown_group_exits_2_naming_the_key(tripartite):
    result = tripartite("-", stdin=json.dumps(with_person(1, group="goverment")))
    assert result.returncode == 2
    assert result.stderr == (
        '-: persons[1].group: unknown value "goverment" (expected one of: government, '
        "employers, workers)\n")


def test_a_missing_file_exits_2(tripartite, tmp_path):
    result = tripartite(str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "missing.json: cannot read: No such file or directory" in result.stderr


# In process, without a database -------------------------------------------------------------


def run(data, *options: str) -> dict:
    out = StringIO()
    call_command("rules", "delegation", "-", *options, stdin=StringIO(json.dumps(data)),
                 stdout=out)
    return json.loads(out.getvalue())


def refusal(data) -> str:
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("rules", "delegation", "-", stdin=StringIO(json.dumps(data)), stderr=err)
    assert exit.value.code == 2
    return err.getvalue().strip()


def test_the_messages_come_in_the_language_asked():
    spanish = run(DELEGATION, "--language", "es")["findings"][0]["message"]
    assert spanish.startswith("Delegación incompleta: no se ha designado ningún delegado de "
                              "los trabajadores")


@pytest.mark.parametrize(("data", "message"), [
    ([], "-: expected an object, got []"),
    ({**DELEGATION, "persons": {}}, "-: persons: expected a list, got {}"),
    ({k: v for k, v in DELEGATION.items() if k != "session"},
     "-: session: missing (required in the document)"),
    ({**DELEGATION, "recieved_on": None}, "-: recieved_on: unknown key (expected: member, "
                                          "persons, received_on, session)"),
    ({**DELEGATION, "member": {"code": "CHE", "in_arrears": "no"}},
     '-: member.in_arrears: expected true or false, got "no"'),
    ({**DELEGATION, "session": {"opening": "2 June 2025", "agenda_items": 4}},
     '-: session.opening: expected an ISO date (YYYY-MM-DD), got "2 June 2025"'),
    ({**DELEGATION, "session": {"opening": "2025-02-30", "agenda_items": 4}},
     '-: session.opening: expected an ISO date (YYYY-MM-DD), got "2025-02-30"'),
    ({**DELEGATION, "session": {"opening": "2025-06-02", "agenda_items": -1}},
     "-: session.agenda_items: expected a whole number >= 0, got -1"),
    (with_person(0, role="chair"), '-: persons[0].role: unknown value "chair" '
     "(expected one of: delegate, substitute_delegate, adviser, adviser_substitute_delegate, "
     "minister, accompanying_minister, territory_adviser, state_representative, observer, "
     "other)"),
    (with_person(0, represents=3), "-: persons[0].represents: expected a non-empty string, "
     "got 3"),
    (with_person(2, gender="w"), '-: persons[2].gender: unknown value "w" '
                                 "(expected one of: f, m, x)"),
    (with_person(3, agenda_items=[4, "IV"]),
     '-: persons[3].agenda_items[1]: expected a whole number >= 0, got "IV"'),
    (with_person(3, adviser_to=True),
     "-: persons[3].adviser_to: expected a string or a whole number, got true"),
    (with_person(0, admitted="yes"), '-: persons[0].admitted: expected true or false, got "yes"'),
    (with_person(0, id=None), "-: persons[0].id: expected a string or a whole number, got null"),
])
def test_bad_values_are_refused_naming_the_key(data, message):
    assert refusal(data) == message


def test_the_function_behind_the_command_raises_with_the_key():
    with pytest.raises(DelegationInputError) as error:
        delegation_from_dict(with_person(1, group="goverment"))
    assert error.value.key == "persons[1].group"


def test_numbers_are_accepted_as_ids():
    data = {**DELEGATION, "persons": [
        {"id": 2, "group": "government", "role": "delegate", "gender": "f"},
        {"id": 1, "group": "government", "role": "delegate", "gender": "f"},
        {"id": 3, "group": "government", "role": "adviser", "gender": "f", "adviser_to": 1},
    ]}
    assert run(data)["voters"] == [1, 2]
