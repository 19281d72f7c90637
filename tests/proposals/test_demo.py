"""The demo's meeting proposals: one or more in each state, the rules' findings as described,
the approved meetings in the calendar and in the information document of the 357th Session."""

import io
from collections import Counter

import docx
import pytest

from tripartite.demo import loader
from tripartite.meetings.models import Session
from tripartite.proposals import information_document, selectors
from tripartite.proposals.models import MeetingProposal

pytestmark = pytest.mark.django_db


def test_the_demo_proposals():
    assert loader.load_demo(scale="small").counts["meeting proposals"] == 10
    assert Counter(MeetingProposal.objects.values_list("state", flat=True)) == {
        "draft": 1, "submitted": 1, "under_review": 1, "returned": 1, "in_consultation": 1,
        "with_officers": 1, "approved": 1, "not_approved": 1, "held": 1,
        "report_received": 1}
    rows = {row.proposal.title_en: row for row in selectors.pipeline()}
    rules_of = {title: sorted({f.rule for f in row.verdict.findings})
                for title, row in rows.items()}
    assert rules_of["Technical meeting on labour inspection in agriculture"] == [
        "MTG-2-CONSULTED", "MTG-2-PARITY"]
    assert "MTG-3-LEAD-TIME" in rules_of["Workshop on digital skills for small enterprises"]
    assert rules_of["Workshop on skills recognition for migrant workers"] == [
        "MTG-2-CONSULTED"]
    assert "MTG-3-COMPLETE" in rules_of["Symposium on care work and the care economy"]
    # Ages in the pipeline are spread over the days since each was drafted, not all "now".
    assert min(row.age_days for row in rows.values()) >= 1

    approved = Session.objects.filter(proposal__isnull=False).order_by("opens_at")
    assert [s.title_en for s in approved] == [
        "Tripartite workshop on minimum wage fixing in West Africa",
        "Regional seminar on social dialogue in the platform economy"]

    gb357 = Session.objects.get(meeting__type="gb", number="357")
    document = docx.Document(io.BytesIO(information_document.build_docx(gb357, "fr")))
    headings = [p.text for p in document.paragraphs
                if p.style.name in ("Heading 2", "Heading 3")]
    # Under the department (SECTOR) and the region of the office (ILO Lima).
    assert headings == [
        "Département des politiques sectorielles",
        "1. Atelier tripartite sur la fixation des salaires minima en Afrique de l'Ouest",
        "Amériques",
        "2. Séminaire régional sur le dialogue social dans l'économie de plateforme"]
    assert document.paragraphs[0].text == "BUREAU INTERNATIONAL DU TRAVAIL"
    assert document.paragraphs[2].text.startswith("357e session, Genève, ")
