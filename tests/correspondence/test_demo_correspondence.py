"""The demo's correspondence: starter templates and a Permanent Mission for every State,
ready for a mail-merge to all member States; French names with the right article."""

import pytest

from tripartite.common.models import ActionLogEntry
from tripartite.constituents.models import MemberState
from tripartite.correspondence import merge
from tripartite.correspondence.models import AddressBookEntry, LetterTemplate, Selection
from tripartite.correspondence.services import batches
from tripartite.demo.correspondence import create_correspondence, french_of

pytestmark = pytest.mark.django_db


def test_every_member_state_has_a_permanent_mission_in_its_language(secretariat, session):
    made = create_correspondence()
    assert made == {"letter templates": 8, "address book entries": 187}
    assert ActionLogEntry.objects.count() == 0  # the loader logs the demo once
    missions = AddressBookEntry.objects.filter(kind="permanent_mission")
    assert missions.count() == MemberState.objects.count() == 187
    assert set(missions.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert missions.get(member_state__iso2="FR").name.startswith(
        "Mission permanente de la France auprès de l'Office")
    assert missions.get(member_state__iso2="AR").name.startswith(
        "Misión Permanente de la Argentina ante la Oficina")
    assert missions.get(member_state__iso2="KR").name.startswith(
        "Permanent Mission of the Republic of Korea to the United Nations Office")
    batch = batches.batch_create(actor=secretariat,
                                  template=LetterTemplate.objects.get(code="note-verbale"),
                                  selection=Selection.ALL_MEMBER_STATES, session=session)
    check = merge.check_batch(batch)
    assert check.ok and len(check.rows) == 187


@pytest.mark.parametrize(("name", "phrase"), [
    ("France", "de la France"), ("Kenya", "du Kenya"), ("Italie", "de l'Italie"),
    ("Pays-Bas", "des Pays-Bas"), ("Cuba", "de Cuba"), ("Haïti", "d'Haïti"),
    ("Honduras", "du Honduras"), ("Mexique", "du Mexique"),
    ("Iran, République islamique d'", "de la République islamique d'Iran"),
    ("Iran (République islamique d')", "de la République islamique d'Iran"),
    ("Bolivie (État plurinational de)", "de l'État plurinational de Bolivie"),
    ("Pays-Bas (Royaume des)", "du Royaume des Pays-Bas"),
    ("Fédération de Russie", "de la Fédération de Russie"),
    ("États-Unis d'Amérique", "des États-Unis d'Amérique"),
])
def test_french_state_names_take_their_article(name, phrase):
    assert french_of(name) == phrase
