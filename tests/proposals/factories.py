"""A complete proposal ready to be submitted, and helpers to walk it through the pipeline."""

import datetime as dt

from django.core.files.base import ContentFile

from tests.factories import state, user_with_role
from tripartite.accounts.models import Role
from tripartite.proposals import services

START = dt.date(2027, 9, 13)


def complete_fields(**overrides) -> dict:
    fields = {
        "type": "workshop", "title_en": "Workshop on minimum wages in West Africa",
        "title_fr": "Atelier sur les salaires minima en Afrique de l'Ouest",
        "title_es": "Taller sobre salarios mínimos en África Occidental",
        "purpose_en": "To share experience of minimum wage fixing.",
        "purpose_fr": "Partager l'expérience de la fixation des salaires minima.",
        "standards_relevance_en": "Minimum Wage Fixing Convention, 1970 (No. 131).",
        "start": START, "end": START + dt.timedelta(days=2), "time_zone": "Africa/Dakar",
        "country": state("SN"), "city": "Dakar", "online": False, "tripartite": True,
        "government": 6, "employers": 6, "workers": 6, "resource_persons": 4,
        "resource_persons_women": 2, "observers": 1, "languages": ["fr", "en"],
        "interpretation": ["fr", "en"], "responsible_officer": "Awa Diop",
    }
    fields.update(overrides)
    return fields


FINANCING = [{"source": "regular_budget", "amount": "25000", "currency": "USD"},
             {"source": "extra_budgetary", "amount": "10000", "currency": "EUR",
              "donor": "European Union"}]


def concept_note():
    return ContentFile(b"%PDF-1.4 concept note", name="concept-note.pdf")


def make_proposal(actor=None, *, financing=None, coverage=("SN", "CI", "ML"), unit="SECTOR",
                  **overrides):
    actor = actor or user_with_role(Role.UNIT_OFFICER)
    return services.proposal_create(
        actor=actor, unit=unit, financing=FINANCING if financing is None else financing,
        coverage=[state(code) for code in coverage], concept_note=concept_note(),
        **complete_fields(**overrides))


def consult_both(proposal, secretariat, on=None):
    for group in ("employers", "workers"):
        services.consultation_record(proposal=proposal, actor=secretariat, group=group,
                                     opinion="agrees", consulted_on=on)


def to_consultation(proposal, secretariat, *, today=None):
    """From draft to "in consultation", both groups consulted (submitted well in time)."""
    services.proposal_submit(proposal=proposal, actor=secretariat,
                             today=today or START - dt.timedelta(weeks=12))
    services.proposal_transition(proposal=proposal, actor=secretariat, to_state="under_review")
    services.proposal_transition(proposal=proposal, actor=secretariat,
                                 to_state="in_consultation")
    proposal.refresh_from_db()
    consult_both(proposal, secretariat)
    return proposal


def to_officers(proposal, secretariat, *, today=None):
    """From draft to "with the Officers"."""
    to_consultation(proposal, secretariat, today=today)
    return services.batch_send_to_officers(actor=secretariat, proposals=[proposal],
                                           reference="Batch 1")
