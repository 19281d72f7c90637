"""The results sheet of a record vote as a PDF, set by Typst (same way as the list of
delegations: ``delegations.pdf.compile_typst``, Noto fonts, the data as one JSON string).

The sheet is trilingual in its headings (English, French, Spanish, as the Conference's
voting screens, GEN-3); the member States are named and ordered in ``language``.
"""

from pathlib import Path

from django.utils import translation

from tripartite.delegations.pdf import compile_typst
from tripartite.rules.citations import cite
from tripartite.votes import selectors

TEMPLATE = Path(__file__).resolve().parent / "typst" / "results_sheet.typ"

CHOICES = {
    "yes": "For / Pour / A favor",
    "no": "Against / Contre / En contra",
    "abstain": "Abstention / Abstention / Abstención",
}
GROUPS = {
    "government": "Government / Gouvernement / Gobierno",
    "employers": "Employers / Employeurs / Empleadores",
    "workers": "Workers / Travailleurs / Trabajadores",
}
OUTCOMES = {
    "adopted": "Adopted / Adopté / Aprobado",
    "rejected": "Rejected / Rejeté / Rechazado",
    "void_no_quorum": "Void for lack of quorum / Nul faute de quorum / Nulo por falta de "
                      "quórum",
}
TITLE = "Record vote / Vote par appel nominal / Votación nominal"


def sheet_data(vote, *, language: str) -> dict:
    result = vote.result
    session = vote.session
    subjects = [text for text in (vote.subject_en, vote.subject_fr, vote.subject_es) if text]
    decision = []
    if vote.decision != "other":  # the kind of decision, with the article it is taken under
        with translation.override(language):
            decision = [["Decision / Décision / Decisión", str(vote.get_decision_display())]]
    return {
        "language": language,
        "title": TITLE,
        "session": [session.title_en or "", session.title_fr or "", session.title_es or ""],
        "subjects": subjects,
        "figures": [
            *decision,
            [CHOICES["yes"], result.yes], [CHOICES["no"], result.no],
            [CHOICES["abstain"], result.abstain],
            ["Votes cast / Suffrages exprimés / Votos emitidos", result.cast],
            ["Quorum / Quorum / Quórum", str(result.quorum)],
            ["Required majority / Majorité requise / Mayoría requerida", result.required],
        ],
        "outcome": OUTCOMES[result.outcome],
        "explanation": [f"{e['message'].get(language) or e['message']['en']} "
                        f"({cite(e['provision'], language)})" for e in result.explanation],
        "states": [{
            "name": state["name"] or "—",
            "ballots": [{"group": GROUPS[b["group"]], "name": b["name"],
                         "choice": CHOICES[b["choice"]],
                         "substitute": b["substitute"]} for b in state["ballots"]],
        } for state in selectors.results_sheet(vote, language)],
    }


def results_sheet_pdf(vote, *, language: str = "en") -> bytes:
    return compile_typst(TEMPLATE, sheet_data(vote, language=language),
                         timestamp=vote.closed_at)
