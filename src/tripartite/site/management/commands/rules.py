"""`tripartite rules delegation|vote|weights|proposal FILE|-`: the governance rules, as JSON.

No database: the command reads a delegation (docs/rules.md), a vote or a committee's
membership (docs/rules-voting.md), or a meeting proposal (docs/meeting-proposals.md) as
JSON and prints the result of the same functions the web
pages use, so the command and the interface cannot disagree.
"""

import csv
import sys
from functools import cache
from importlib import resources

from django.core.management.base import BaseCommand

from tripartite.rules.delegation_json import (
    LANGUAGES,
    DelegationInputError,
    delegation_from_json,
    verdict_to_json,
)
from tripartite.rules.delegations import ARREARS_SCOPES, evaluate_delegation
from tripartite.rules.proposals import evaluate_proposal
from tripartite.rules.proposals_json import (
    ProposalInputError,
    proposal_from_json,
)
from tripartite.rules.proposals_json import (
    verdict_to_json as proposal_verdict_to_json,
)
from tripartite.rules.voting_json import (
    VotingInputError,
    vote_from_json,
    vote_to_json,
    weights_from_json,
    weights_to_json,
)

# Bad input exits with 2, as argparse does for bad arguments (CommandError would give 1).
BAD_INPUT = 2


class Command(BaseCommand):
    help = ("Apply the governance rules to a delegation, a vote or a committee given as JSON "
            "and print the result.")
    requires_system_checks = []  # pure rules: no database, no configuration to check
    requires_migrations_checks = False
    stealth_options = ("stdin",)  # lets tests pass standard input to call_command

    def add_arguments(self, parser):
        rules = parser.add_subparsers(dest="rule", required=True, metavar="RULE")
        delegation = rules.add_parser(
            "delegation", help="votes, voters and findings of one delegation",
            description="Read one delegation as JSON and print its verdict as JSON.",
        )
        delegation.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
        delegation.add_argument("--language", choices=LANGUAGES, default="en",
                                help="language of the findings' messages (default: en)")
        delegation.add_argument("--arrears-scope", choices=ARREARS_SCOPES, default="government",
                                help="whom arrears (Constitution art. 13(4)) disqualify: the "
                                     "Government delegates (default) or the whole delegation")
        vote = rules.add_parser(
            "vote", help="quorum, majority and outcome of one vote",
            description="Read one vote as JSON and print its outcome as JSON.",
        )
        weights = rules.add_parser(
            "weights", help="weighted votes in a committee",
            description="Read a committee's members entitled to vote as JSON and print the "
                        "votes each member holds as JSON.",
        )
        proposal = rules.add_parser(
            "proposal", help="findings of one meeting proposal (symposium, seminar, workshop…)",
            description="Read one meeting proposal as JSON and print its findings and whether "
                        "it may go to the Officers of the Governing Body as JSON.",
        )
        for subcommand in (vote, weights, proposal):
            subcommand.add_argument("file", metavar="FILE",
                                    help="a JSON file, or - for standard input")
            subcommand.add_argument("--language", choices=LANGUAGES, default="en",
                                    help="language of the explanation (default: en)")

    def handle(self, *args, rule, file, language, **options):
        if rule == "vote":
            return self.voting(file, options, vote_from_json, vote_to_json, language)
        if rule == "weights":
            return self.voting(file, options, weights_from_json, weights_to_json, language)
        if rule == "proposal":
            return self.proposal(file, options, language)
        arrears_scope = options["arrears_scope"]
        try:
            delegation = delegation_from_json(self.read(file, options.get("stdin")))
        except DelegationInputError as error:
            self.refuse(f"{file}: {error}")
        verdict = evaluate_delegation(delegation, arrears_scope=arrears_scope)
        self.stdout.write(verdict_to_json(verdict, language))

    def voting(self, file: str, options: dict, parse, dump, language: str):
        try:
            result = parse(self.read(file, options.get("stdin")))
        except VotingInputError as error:
            self.refuse(f"{file}: {error}")
        self.stdout.write(dump(result, language))

    def proposal(self, file: str, options: dict, language: str):
        try:
            proposal = proposal_from_json(self.read(file, options.get("stdin")),
                                          known_countries=member_state_codes())
        except ProposalInputError as error:
            self.refuse(f"{file}: {error}")
        self.stdout.write(proposal_verdict_to_json(evaluate_proposal(proposal), language))

    def read(self, file: str, stdin) -> str:
        try:
            if file == "-":
                return (stdin or sys.stdin).read()
            with open(file, encoding="utf-8") as source:
                return source.read()
        except OSError as error:
            self.refuse(f"{file}: cannot read: {error.strerror or error}")
        except UnicodeDecodeError:
            self.refuse(f"{file}: not UTF-8 text")

    def refuse(self, message: str):
        # One line on standard error, then exit 2, without a traceback.
        self.stderr.write(" ".join(message.split()))
        sys.exit(BAD_INPUT)


@cache
def member_state_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes of the member States, from the list shipped with the package
    (the one the database is loaded from), so that the command needs no database."""
    data = resources.files("tripartite.constituents").joinpath("data/ilo-member-states.csv")
    with data.open(encoding="utf-8") as source:
        return frozenset(row["iso2"] for row in csv.DictReader(source))
