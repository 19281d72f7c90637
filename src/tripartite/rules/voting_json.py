"""The JSON form of a vote and of committee weights, as ``tripartite rules vote|weights`` use it.

Input and output are defined in issue 5 ("The rules as commands"); docs/rules-voting.md shows
examples. The arithmetic is ``voting.vote_outcome`` and ``weighting.committee_weights``: this module
only checks the input and shapes the output. Every error names the key at fault; unknown keys
are refused, so that a misspelt key is not silently ignored.
"""

import json
from typing import Any

from tripartite.rules.findings import Finding
from tripartite.rules.voting import Majority, VoteResult, vote_outcome
from tripartite.rules.weighting import Weights, committee_weights

LANGUAGES = ("en", "fr", "es")
GROUPS = ("government", "employers", "workers")


class VotingInputError(ValueError):
    """Bad input: ``key`` is the key at fault (None for the document itself)."""

    def __init__(self, key: str | None, message: str):
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}" if key else message)


def _load(text: str | bytes) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise VotingInputError(None, f"not valid JSON: {error}") from None


# ---------------------------------------------------------------------------------------------
# A vote (ILC-2, ILC-3, ILC-4)


def vote_from_json(text: str | bytes) -> VoteResult:
    return vote_from_dict(_load(text))


def vote_from_dict(data: object) -> VoteResult:
    root = _object(data, required={"majority", "yes", "no"},
                   optional={"abstain", "quorum", "entitled"})
    majority = root["majority"]
    allowed = [choice.value for choice in Majority]
    if majority not in allowed:
        raise VotingInputError("majority", f"unknown value {_kind(majority)} "
                                           f"(expected one of: {', '.join(allowed)})")
    yes = _count(root["yes"], "yes")
    no = _count(root["no"], "no")
    abstain = _count(root.get("abstain", 0), "abstain")
    if ("quorum" in root) == ("entitled" in root):
        raise VotingInputError("quorum", "give exactly one of quorum and entitled "
                                         + ("(both given)" if "quorum" in root else
                                            "(neither given)"))
    quorum = entitled = None
    if "quorum" in root:
        quorum = _count(root["quorum"], "quorum")
    else:
        entitled = _count(root["entitled"], "entitled")
        if yes + no + abstain > entitled:
            raise VotingInputError("entitled", f"{yes + no + abstain} ballots (yes + no + "
                                               f"abstain) exceed the {entitled} delegates "
                                               "entitled to vote")
    return vote_outcome(yes, no, abstain, majority=Majority(majority), quorum=quorum,
                        entitled=entitled)


def vote_to_dict(result: VoteResult, language: str = "en") -> dict[str, Any]:
    return {
        "cast": result.cast,
        "quorum": result.quorum,
        "quorum_met": result.quorum_met,
        "required": result.required,
        "outcome": str(result.outcome),
        "explanation": explanation(result.findings, language),
    }


def vote_to_json(result: VoteResult, language: str = "en") -> str:
    return _dump(vote_to_dict(result, language))


# ---------------------------------------------------------------------------------------------
# Weighted voting in committees (CTTE-1)


def weights_from_json(text: str | bytes) -> Weights:
    return weights_from_dict(_load(text))


def weights_from_dict(data: object) -> Weights:
    root = _object(data, required=set(GROUPS), optional=set())
    return committee_weights(*(_count(root[group], group) for group in GROUPS))


def weights_to_dict(weights: Weights, language: str = "en") -> dict[str, Any]:
    return {
        "votes": weights.votes(),
        "totals": weights.totals(),
        "explanation": explanation(weights.findings, language),
    }


def weights_to_json(weights: Weights, language: str = "en") -> str:
    return _dump(weights_to_dict(weights, language))


# ---------------------------------------------------------------------------------------------
# Shared


def explanation(findings: tuple[Finding, ...], language: str = "en") -> list[str]:
    """One sentence per finding, in ``language``, ending with the provision it applies."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}: {language!r}")
    sentences = []
    for finding in findings:
        message = finding.message_in(language).rstrip()
        if message.endswith("."):
            message = message[:-1]
        sentences.append(f"{message} ({finding.provision}).")
    return sentences


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _object(value: object, *, required: set[str], optional: set[str]) -> dict[str, object]:
    if not isinstance(value, dict):
        raise VotingInputError(None, f"expected an object, got {_kind(value)}")
    missing = sorted(required - value.keys())
    if missing:
        raise VotingInputError(missing[0], "missing (required in the document)")
    unknown = sorted(value.keys() - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise VotingInputError(unknown[0], f"unknown key (expected: {allowed})")
    return value


def _count(value: object, key: str) -> int:
    # bool is an int in Python, but true is not a number of votes.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise VotingInputError(key, f"expected a whole number >= 0, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    """The offending value as JSON, shortened: what the user typed, not a Python repr."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
