"""Permission-matrix rows for the votes pages and API operations.

Managing votes is the secretariat's; every logged-in user reads a session's votes and
published results; closed but unpublished results are for the secretariat side (READERS);
the "vote now" page and casting are for delegates. The matrix's delegate is a real voter:
Italy's first Government delegate (an accepted delegation, registered at the desk), linked to
their login (``matrix_delegate``), so the matrix casts real ballots, through the page and the
API, and sees everyone else refused with nothing written.
"""

from tests.delegations.matrix_rules import READERS, api_rule, rule
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
SECRETARIAT = {Role.SECRETARIAT}

ROWS = {
    "votes:index": (None, EVERYONE),
    "votes:session_votes": ("votes_session", EVERYONE),
    "votes:substitutes": ("votes_session", rule(SECRETARIAT)),
    "votes:vote_manage": ("open_vote", rule(SECRETARIAT)),
    "votes:vote_manage other": ("draft_vote", rule(SECRETARIAT)),
    "votes:vote_ballot": ("open_vote", rule({Role.DELEGATE})),
    "votes:vote_result": ("published_vote", EVERYONE),
    "votes:vote_result other": ("closed_vote", rule(READERS)),
    "votes:vote_result_pdf": ("published_vote", EVERYONE),
}

ALL_API = api_rule(set(Role.values))

API_ROWS = {
    ("GET", "/api/sessions/{id}/votes"): ("votes_session_api", None, ALL_API),
    ("POST", "/api/sessions/{id}/votes"): (
        "votes_session_api", {"subject_en": "Resolution on working time", "method": "record",
                              "majority": "simple", "quorum_source": "attendance"},
        api_rule(SECRETARIAT, 201)),
    ("GET", "/api/votes/{id}"): ("draft_vote", None, ALL_API),
    ("POST", "/api/votes/{id}/open"): ("draft_vote", None, api_rule(SECRETARIAT)),
    ("POST", "/api/votes/{id}/ballots"): ("ballot_vote", {"choice": "yes"},
                                          api_rule({Role.DELEGATE}, 201)),
    ("POST", "/api/votes/{id}/close"): ("open_vote", None, api_rule(SECRETARIAT)),
    ("POST", "/api/votes/{id}/publish"): ("closed_vote", None, api_rule(SECRETARIAT)),
    ("GET", "/api/votes/{id}/result"): ("published_vote", None, ALL_API),
}

OPERATION_IDS = {
    ("GET", "/api/sessions/{id}/votes"): "vote_list",
    ("POST", "/api/sessions/{id}/votes"): "vote_create",
    ("GET", "/api/votes/{id}"): "vote_detail",
    ("POST", "/api/votes/{id}/open"): "vote_open",
    ("POST", "/api/votes/{id}/ballots"): "ballot_cast",
    ("POST", "/api/votes/{id}/close"): "vote_close",
    ("POST", "/api/votes/{id}/publish"): "vote_publish",
    ("GET", "/api/votes/{id}/result"): "vote_result",
}


def objects(session) -> dict:
    """A vote of ``session`` in each state, and the matrix's delegate: a registered voter."""
    from tests.factories import user_with_role
    from tests.votes.factories import delegate_user, delegation
    from tripartite.votes import services
    from tripartite.votes.models import Vote

    staff = user_with_role(Role.SECRETARIAT)
    voter = delegate_user(delegation(session, "IT")[0])  # registered before the votes open

    def prepared(subject, method="record"):
        return Vote.objects.create(session=session, subject_en=subject, method=method)

    draft = prepared("Draft vote")
    opened = services.vote_open(actor=staff, vote=prepared("Open vote"))
    ballot = services.vote_open(actor=staff, vote=prepared("Vote for ballots", "secret"))
    closed = services.vote_open(actor=staff, vote=prepared("Closed vote"))
    services.vote_close(actor=staff, vote=closed)
    published = services.vote_open(actor=staff, vote=prepared("Published vote"))
    services.vote_close(actor=staff, vote=published)
    services.vote_publish(actor=staff, vote=published)
    return {
        "matrix_delegate": {"pk": voter.pk},
        "votes_session": {"session_pk": session.pk},
        "votes_session_api": {"pk": session.pk},
        "draft_vote": {"pk": draft.pk},
        "open_vote": {"pk": opened.pk},
        "ballot_vote": {"pk": ballot.pk},
        "closed_vote": {"pk": closed.pk},
        "published_vote": {"pk": published.pk},
    }


def _substitute(objects):
    from tripartite.delegations.models import Nomination

    italy = Nomination.objects.filter(delegation__member_state__iso2="IT",
                                      delegation__session=objects["votes_session"]["session_pk"])
    return {"delegate": italy.get(group="employers").pk,
            "substitute": italy.get(group="workers").pk, "document_reference": "Letter 1"}


WRITES = {
    "votes:session_votes": ("votes_session", {
        "subject_en": "Resolution on working time", "body": "plenary", "method": "record",
        "decision": "other", "majority": "simple", "quorum_source": "attendance"},
        write_rule(SECRETARIAT)),
    "votes:substitutes": ("votes_session", _substitute, write_rule(SECRETARIAT)),
    # Opening, closing, publishing and a ballot are confirmed first (common/confirm.py): the
    # question writes nothing.
    "votes:vote_manage": ("open_vote", {"action": "close", "confirm": "yes"},
                          write_rule(SECRETARIAT)),
    "votes:vote_manage other": ("draft_vote", {"action": "open", "confirm": "yes"},
                                write_rule(SECRETARIAT)),
    "votes:vote_manage unconfirmed": ("open_vote", {"action": "close"},
                                      write_rule(set(), ok=SECRETARIAT)),
    # The real cast: the matrix's delegate is a registered voter of the session.
    "votes:vote_ballot": ("open_vote", {"choice": "yes", "confirm": "yes"},
                          write_rule({Role.DELEGATE})),
    "votes:vote_ballot unconfirmed": ("open_vote", {"choice": "yes"},
                                      write_rule(set(), ok={Role.DELEGATE})),
    # The results sheet is a job queued for any reader of the published result.
    "votes:vote_result_pdf": ("published_vote", {"language": "fr"},
                              write_rule(set(Role.values))),
}
