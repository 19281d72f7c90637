"""`tripartite rules vote` and `tripartite rules weights`: JSON in, result out, exit 2 on bad
input; no database.

The exit status and standard error are tested end to end in one subprocess per command, and
through the console script's entry point in this process (tests/cli.py); call_command runs
without the django_db mark, so any database access would fail the test.
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

VOID = {"majority": "simple", "yes": 300, "no": 10, "abstain": 50, "quorum": 320}
TWO_THIRDS_EXACTLY = {"majority": "two_thirds", "yes": 20, "no": 10, "abstain": 7, "entitled": 50}
COMMITTEE = {"government": 6, "employers": 4, "workers": 3}


def subprocess_tripartite(tmp_path: Path, rule: str, *args: str, stdin: str = ""):
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment["TRIPARTITE_VAR_DIR"] = str(tmp_path / "var")
    return subprocess.run(
        [str(Path(sys.executable).parent / "tripartite"), "rules", rule, *args],
        env=environment, input=stdin, capture_output=True, text=True, timeout=120,
    )


def run(rule: str, data, *options: str) -> dict:
    out = StringIO()
    call_command("rules", rule, "-", *options, stdin=StringIO(json.dumps(data)), stdout=out)
    return json.loads(out.getvalue())


def refusal(rule: str, data) -> str:
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("rules", rule, "-", stdin=StringIO(json.dumps(data)), stderr=err)
    assert exit.value.code == 2
    return err.getvalue().strip()


# End to end ---------------------------------------------------------------------------------


def test_a_vote_without_quorum_is_void(tmp_path):
    result = subprocess_tripartite(tmp_path, "vote", "-", stdin=json.dumps(VOID))
    assert (result.returncode, result.stderr) == (0, "")
    output = json.loads(result.stdout)
    assert {key: value for key, value in output.items() if key != "explanation"} == {
        "cast": 310, "quorum": 320, "quorum_met": False, "required": 156,
        "outcome": "void_no_quorum",
    }
    assert result.stdout.startswith('{\n  "cast": 310,')
    assert len(output["explanation"]) == 3
    assert output["explanation"][0].startswith("Quorum not reached: 310 votes cast")
    assert all("Constitution art. 17" in sentence for sentence in output["explanation"])


def test_bad_weights_exit_2_naming_the_key(tmp_path):
    result = subprocess_tripartite(tmp_path, "weights", "-",
                                   stdin=json.dumps({**COMMITTEE, "workers": -3}))
    assert result.returncode == 2
    assert result.stderr == "-: workers: expected a whole number >= 0, got -3\n"


# Through the entry point, in process --------------------------------------------------------


@pytest.fixture
def tripartite(capsys, monkeypatch):
    def run(rule: str, *args: str, stdin: str = ""):
        return cli.tripartite(capsys, monkeypatch, "rules", rule, *args, stdin=stdin)
    return run


def test_weights_from_a_file_in_french(tripartite, tmp_path):
    path = tmp_path / "committee.json"
    path.write_text(json.dumps(COMMITTEE), encoding="utf-8")
    result = tripartite("weights", str(path), "--language", "fr")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["votes"] == {"government": 2, "employers": 3, "workers": 4}
    assert output["totals"] == {"government": 12, "employers": 12, "workers": 12}
    assert output["explanation"][0].startswith("Pondération\u00a0: 6 membres gouvernementaux")
    assert output["explanation"][0].endswith("(ILC Standing Orders (2008) art. 65(1); "
                                             "SO-2021 art. 42(3)).")
    assert "Pondération" in result.stdout  # ensure_ascii=False


def test_a_bad_vote_exits_2_with_one_line_naming_the_key(tripartite):
    result = tripartite("vote", "-", stdin=json.dumps({**VOID, "majority": "half"}))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ('-: majority: unknown value "half" (expected one of: simple, '
                             "two_thirds)\n")


# In process, without a database -------------------------------------------------------------


def test_two_thirds_exactly_met_is_adopted():
    output = run("vote", TWO_THIRDS_EXACTLY)
    assert {key: value for key, value in output.items() if key != "explanation"} == {
        "cast": 30, "quorum": 25, "quorum_met": True, "required": 20, "outcome": "adopted",
    }
    assert output["explanation"][0] == ("The quorum is half of the 50 registered delegates "
                                        "entitled to vote, rounded up: 25 (Constitution art. "
                                        "17(3); ILC Standing Orders (2008) art. 20; SO-2021 "
                                        "art. 22(3)).")


def test_one_vote_short_of_two_thirds_is_rejected():
    output = run("vote", {**TWO_THIRDS_EXACTLY, "yes": 19, "no": 10})
    assert (output["required"], output["outcome"]) == (20, "rejected")


def test_a_tie_is_rejected_by_simple_majority_and_abstain_is_optional():
    output = run("vote", {"majority": "simple", "yes": 5, "no": 5, "quorum": 10})
    assert (output["quorum_met"], output["required"], output["outcome"]) == (True, 6, "rejected")


def test_the_explanation_comes_in_the_language_asked():
    spanish = run("vote", VOID, "--language", "es")["explanation"]
    assert spanish[0].startswith("Quórum no alcanzado: 310 votos emitidos")
    assert spanish[-1].startswith("Resultado: nulo por falta de quórum")


def test_an_empty_group_is_explained():
    output = run("weights", {"government": 6, "employers": 0, "workers": 3})
    assert output["votes"] == {"government": 1, "employers": 0, "workers": 2}
    assert output["totals"] == {"government": 6, "employers": 0, "workers": 6}
    assert output["explanation"][1].startswith("No Employer members are entitled to vote")


@pytest.mark.parametrize(("data", "message"), [
    ([], "-: expected an object, got []"),
    ({**VOID, "yes": -1}, "-: yes: expected a whole number >= 0, got -1"),
    ({**VOID, "no": 2.5}, "-: no: expected a whole number >= 0, got 2.5"),
    ({**VOID, "abstain": "50"}, '-: abstain: expected a whole number >= 0, got "50"'),
    ({**VOID, "quorum": True}, "-: quorum: expected a whole number >= 0, got true"),
    ({**VOID, "majority": "Simple"},
     '-: majority: unknown value "Simple" (expected one of: simple, two_thirds)'),
    ({**VOID, "entitled": 700},
     "-: quorum: give exactly one of quorum and entitled (both given)"),
    ({k: v for k, v in VOID.items() if k != "quorum"},
     "-: quorum: give exactly one of quorum and entitled (neither given)"),
    ({**TWO_THIRDS_EXACTLY, "entitled": 36},
     "-: entitled: 37 ballots (yes + no + abstain) exceed the 36 delegates entitled to vote"),
    ({**TWO_THIRDS_EXACTLY, "entitled": -1},
     "-: entitled: expected a whole number >= 0, got -1"),
    ({k: v for k, v in VOID.items() if k != "yes"}, "-: yes: missing (required in the document)"),
    ({**VOID, "abstentions": 50},
     "-: abstentions: unknown key (expected: abstain, entitled, majority, no, quorum, yes)"),
])
def test_a_bad_vote_is_refused_naming_the_key(data, message):
    assert refusal("vote", data) == message


@pytest.mark.parametrize(("data", "message"), [
    ({**COMMITTEE, "employers": 1.5}, "-: employers: expected a whole number >= 0, got 1.5"),
    ({**COMMITTEE, "government": -6}, "-: government: expected a whole number >= 0, got -6"),
    ({"government": 6, "employers": 4}, "-: workers: missing (required in the document)"),
    ({**COMMITTEE, "worker": 3},
     "-: worker: unknown key (expected: employers, government, workers)"),
    ("6/4/3", '-: expected an object, got "6/4/3"'),
])
def test_bad_weights_are_refused_naming_the_key(data, message):
    assert refusal("weights", data) == message


def test_bad_json_is_refused():
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("rules", "vote", "-", stdin=StringIO('{"yes": '), stderr=err)
    assert exit.value.code == 2
    assert err.getvalue().startswith("-: not valid JSON: Expecting value")
