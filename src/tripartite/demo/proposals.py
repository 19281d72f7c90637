"""Demo meeting proposals, one or more in each state of the pipeline, written through the
services (so the rules, the workflow and the action log apply as to real ones):

- two meetings approved by the Officers between the 356th and the 357th Sessions of the
  Governing Body (in the calendar, and in the information document for the 357th), one of
  them with its report received, and one not approved;
- one with the Officers, one in consultation (the Employers' group has answered, the
  Workers' not: the demo login "workers" can give its opinion), one held;
- one under review with Employers' and Workers' participants in unequal numbers, one
  returned for changes, one submitted too late;
- a draft of the demo login "unit" (SECTOR), incomplete, to finish and submit.

Decided meetings carry the demo's 2026 dates, moved to the load day like the rest of the demo
(demo/clock.py); the proposals still in the pipeline are dated from today, so that lead times
and ages stay meaningful whenever the demo is loaded.
"""

import datetime as dt
import io

import pypdf
from django.core.files.base import ContentFile
from django.utils import timezone

from tripartite.accounts.models import User
from tripartite.constituents.models import MemberState
from tripartite.demo.clock import clock
from tripartite.proposals import selectors, services
from tripartite.proposals.models import MeetingProposal, StateChange


def _concept_note(slug: str) -> ContentFile:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": f"Concept note: {slug}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name=f"{slug}.pdf")


def _fields(title, start, days, country, city, coverage, *, type="workshop", tripartite=True,
            g=6, e=6, w=6, resource=4, women=2, observers=2, languages=("en", "fr"),
            zone="Europe/Zurich", officer="Awa Diop", purpose=None, standards=None):
    en, fr, es = title
    return {
        "type": type, "title_en": en, "title_fr": fr, "title_es": es,
        "purpose_en": purpose or f"To take stock of national experience and agree on "
                                 f"follow-up: {en.lower()}.",
        "standards_relevance_en": standards or "Tripartite Consultation (International "
                                               "Labour Standards) Convention, 1976 (No. 144).",
        "start": start, "end": start + dt.timedelta(days=days), "time_zone": zone,
        "country": country, "city": city, "online": False, "tripartite": tripartite,
        "government": g, "employers": e, "workers": w, "resource_persons": resource,
        "resource_persons_women": women, "observers": observers, "languages": list(languages),
        "interpretation": list(languages), "responsible_officer": officer,
        "_coverage": coverage,
    }


def create_proposals(sessions: dict) -> dict:
    secretariat = User.objects.get(username="secretariat")
    states = {s.iso2: s for s in MemberState.objects.all()}
    today = selectors.today()

    def draft(unit, fields, financing, *, note=True):
        coverage = [states[code] for code in fields.pop("_coverage")]
        fields["country"] = states[fields["country"]] if fields["country"] else None
        return services.proposal_create(
            actor=secretariat, unit=unit, financing=financing, coverage=coverage,
            concept_note=_concept_note(fields["title_en"][:40].lower().replace(" ", "-"))
            if note else None, **fields)

    def submit(proposal, on):
        services.proposal_submit(proposal=proposal, actor=secretariat, today=on)

    def move(proposal, *steps, comment=""):
        for step in steps:
            services.proposal_transition(proposal=proposal, actor=secretariat, to_state=step,
                                         comment=comment if step == "returned" else "")

    def consult(proposal, on, groups=("employers", "workers")):
        for group in groups:
            services.consultation_record(proposal=proposal, actor=secretariat, group=group,
                                         opinion="agrees", consulted_on=on)

    regular = [{"source": "regular_budget", "amount": "25000", "currency": "USD"}]
    created = []

    # Decided between the 356th (March 2026) and the 357th (June 2026) Sessions.
    dakar = draft("SECTOR", _fields(
        ("Tripartite workshop on minimum wage fixing in West Africa",
         "Atelier tripartite sur la fixation des salaires minima en Afrique de l'Ouest",
         "Taller tripartito sobre la fijación de salarios mínimos en África Occidental"),
        clock.date(2026, 5, 26), 2, "SN", "Dakar", ["SN", "CI", "ML", "BF", "NE", "GN"],
        zone="Africa/Dakar", languages=("fr", "en"),
        standards="Minimum Wage Fixing Convention, 1970 (No. 131)."), regular)
    lima = draft("ILO Lima", _fields(
        ("Regional seminar on social dialogue in the platform economy",
         "Séminaire régional sur le dialogue social dans l'économie de plateforme",
         "Seminario regional sobre el diálogo social en la economía de plataformas"),
        clock.date(2026, 9, 22), 1, "PE", "Lima", ["PE", "CL", "CO", "EC", "BO"],
        type="seminar",
        zone="America/Lima", languages=("es",), officer="Lucía Paredes"),
        [{"source": "extra_budgetary", "amount": "40000", "currency": "USD",
          "donor": "European Union"}, {"source": "regular_budget", "amount": "8000",
                                       "currency": "USD"}])
    refused = draft("ILO Bangkok", _fields(
        ("Symposium on working time in export industries",
         "Colloque sur la durée du travail dans les industries d'exportation",
         "Simposio sobre el tiempo de trabajo en las industrias de exportación"),
        clock.date(2026, 8, 18), 2, "TH", "Bangkok", ["TH", "KH", "LA", "VN"],
        type="symposium",
        zone="Asia/Bangkok", languages=("en",), officer="Somchai Prasert"), regular)
    for proposal, submitted in ((dakar, clock.date(2026, 3, 2)),
                                (lima, clock.date(2026, 3, 16)),
                                (refused, clock.date(2026, 3, 20))):
        submit(proposal, submitted)
        move(proposal, "under_review", "in_consultation")
        consult(proposal, submitted + dt.timedelta(days=14))
    services.batch_send_to_officers(actor=secretariat, proposals=[dakar, lima, refused],
                                    reference="Officers of the GB, April 2026",
                                    sent_on=clock.date(2026, 4, 10))
    services.decision_record(proposal=dakar, actor=secretariat, decision="approved",
                             decided_on=clock.date(2026, 4, 20),
                             reference="GB Officers, 20.04.2026")
    services.decision_record(proposal=lima, actor=secretariat, decision="approved",
                             decided_on=clock.date(2026, 5, 12),
                             reference="GB Officers, 12.05.2026")
    services.decision_record(proposal=refused, actor=secretariat, decision="not_approved",
                             decided_on=clock.date(2026, 5, 12),
                             reference="GB Officers, 12.05.2026")
    # Held in May, its report received before the Conference's 11th day (the load day).
    services.report_record(proposal=dakar, actor=secretariat,
                           received_on=clock.date(2026, 6, 8))
    created += [(dakar, 270), (lima, 255), (refused, 250)]

    # In the pipeline now, dated from today.
    def soon(weeks):
        return today + dt.timedelta(weeks=weeks)

    with_officers = draft("SECTOR", _fields(
        ("Meeting of experts on occupational safety in construction",
         "Réunion d'experts sur la sécurité au travail dans la construction",
         "Reunión de expertos sobre la seguridad en el trabajo en la construcción"),
        soon(14), 3, "CH", "Geneva", ["DE", "FR", "IT", "ES", "PL"],
        type="meeting_of_experts", g=8, e=8, w=8, resource=6, women=3), regular)
    submit(with_officers, today - dt.timedelta(days=40))
    move(with_officers, "under_review", "in_consultation")
    consult(with_officers, today - dt.timedelta(days=20))
    services.batch_send_to_officers(actor=secretariat, proposals=[with_officers],
                                    reference="Officers of the GB, batch 2026/11",
                                    sent_on=today - dt.timedelta(days=6))
    created.append((with_officers, 50))

    consultation = draft("ILO Dakar", _fields(
        ("Workshop on skills recognition for migrant workers",
         "Atelier sur la reconnaissance des compétences des travailleurs migrants",
         "Taller sobre el reconocimiento de competencias de los trabajadores migrantes"),
        soon(16), 2, "SN", "Saly", ["SN", "GM", "GW", "MR"], zone="Africa/Dakar",
        officer="Moussa Ndiaye"),
        [{"source": "extra_budgetary", "amount": "18500", "currency": "EUR",
          "donor": "Government of Luxembourg"}])
    submit(consultation, today - dt.timedelta(days=25))
    move(consultation, "under_review", "in_consultation")
    consult(consultation, today - dt.timedelta(days=3), groups=("employers",))
    created.append((consultation, 30))

    held = draft("ILO Bangkok", _fields(
        ("Colloquium on social protection for informal workers",
         "Colloque sur la protection sociale des travailleurs de l'économie informelle",
         "Coloquio sobre la protección social de los trabajadores informales"),
        soon(20), 1, "VN", "Hanoi", ["VN", "KH", "LA"], type="colloquium",
        zone="Asia/Ho_Chi_Minh", resource=5, women=1), regular)
    submit(held, today - dt.timedelta(days=35))
    move(held, "under_review", "held")
    created.append((held, 38))

    parity = draft("ILO Lima", _fields(
        ("Technical meeting on labour inspection in agriculture",
         "Réunion technique sur l'inspection du travail dans l'agriculture",
         "Reunión técnica sobre la inspección del trabajo en la agricultura"),
        soon(12), 2, "CO", "Bogotá", ["CO", "PE", "EC"], type="technical_meeting",
        zone="America/Bogota", e=5, w=5, languages=("es",), officer="Lucía Paredes"),
        regular)
    # Parity is a content rule, so a submission with unequal numbers is refused: here the
    # unit's corrected figures arrive during the review and the finding shows there.
    submit(parity, today - dt.timedelta(days=9))
    move(parity, "under_review")
    services.proposal_update(proposal=parity, actor=secretariat, changes={"workers": 4})
    created.append((parity, 12))

    returned = draft("SECTOR", _fields(
        ("Seminar on just transition in the energy sector",
         "Séminaire sur la transition juste dans le secteur de l'énergie",
         "Seminario sobre la transición justa en el sector de la energía"),
        soon(18), 2, "ZA", "Johannesburg", ["ZA", "BW", "NA", "MZ"], type="seminar",
        zone="Africa/Johannesburg"), regular)
    submit(returned, today - dt.timedelta(days=15))
    move(returned, "under_review", "returned",
         comment="Please name the donor of the extra-budgetary share and confirm the "
                 "number of Workers' participants.")
    created.append((returned, 20))

    late = draft("ILO Bangkok", _fields(
        ("Workshop on digital skills for small enterprises",
         "Atelier sur les compétences numériques des petites entreprises",
         "Taller sobre competencias digitales para pequeñas empresas"),
        soon(5), 1, "ID", "Jakarta", ["ID", "MY", "PH"], zone="Asia/Jakarta",
        resource=3, women=1), regular)
    submit(late, today - dt.timedelta(days=1))
    created.append((late, 4))

    unit_draft = services.proposal_create(
        actor=secretariat, unit="SECTOR", type="symposium",
        title_en="Symposium on care work and the care economy",
        title_fr="Colloque sur le travail de soin et l'économie du soin",
        start=soon(24), end=soon(24) + dt.timedelta(days=1), city="Geneva",
        country=states["CH"], coverage=[states["CH"], states["FR"], states["IT"]],
        financing=regular, languages=["en", "fr"], responsible_officer="Ingrid Solberg")
    created.append((unit_draft, 2))

    _age(created)
    return {"meeting proposals": MeetingProposal.objects.count()}


def _age(created: list[tuple[MeetingProposal, int]]) -> None:
    """Spread each proposal's changes of state over the days since it was drafted (the
    services stamp them all "now"), so that ages in the pipeline look like real ones."""
    now = timezone.now()
    changes, proposals = [], []
    for proposal, days in created:
        steps = list(StateChange.objects.filter(proposal=proposal).order_by("id"))
        first = now - dt.timedelta(days=days)
        gap = (now - dt.timedelta(hours=6) - first) / max(len(steps), 1)
        for number, step in enumerate(steps):
            step.at = first + gap * number
            changes.append(step)
        proposal.refresh_from_db(fields=["state_since"])
        proposal.state_since = steps[-1].at
        proposals.append(proposal)
    StateChange.objects.bulk_update(changes, ["at"])
    MeetingProposal.objects.bulk_update(proposals, ["state_since"])
