"""The rules' citations in the reader's language."""

import pytest

from tripartite.rules import citations, delegations, membership, objections, proposals, voting


def test_numbered_citations_name_the_instrument_in_french_and_spanish():
    assert citations.cite(voting.MAJORITY_SIMPLE, "fr") == (
        "Constitution, art. 17(2) ; Règlement de la Conférence (2008), art. 21")
    assert citations.cite(voting.QUORUM, "es") == (
        "Constitución, art. 17(3); Reglamento de la Conferencia (2008), art. 20; "
        "Reglamento de la Conferencia (2021), art. 22(3)")
    assert citations.cite(membership.GOVERNING_BODY, "fr") == (
        "Constitution, art. 7 ; pratique du Conseil d'administration")
    assert citations.cite(voting.MAJORITY_SIMPLE, "en") == voting.MAJORITY_SIMPLE


@pytest.mark.parametrize("provision", [*proposals.PROVISIONS.values(),
                                       delegations.GENDER_BALANCE, objections.OBJECTIONS,
                                       delegations.CREDENTIALS_DEADLINE])
@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_citation_of_the_rules_is_translated(provision, language):
    cited = citations.cite(provision, language)
    assert cited != provision
    for english in ("Standing Orders", "Governing Body", "practice", "meetings", " of "):
        assert english not in cited
