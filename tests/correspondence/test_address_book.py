"""The address book's pages: an edit saves what changed, and logs it."""

from django.urls import reverse

from tests.factories import state
from tripartite.common.models import ActionLogEntry
from tripartite.correspondence.models import AddressBookEntry, RecipientKind


def test_an_edit_form_saves_and_logs_what_was_changed(client, secretariat):
    entry = AddressBookEntry.objects.create(
        kind=RecipientKind.PERMANENT_MISSION, member_state=state("FR"), language="fr",
        name="Mission permanente de la France", email="mission.fr@example.org")
    client.force_login(secretariat)
    response = client.post(reverse("correspondence:entry_edit", kwargs={"pk": entry.pk}), {
        "kind": "permanent_mission", "member_state": state("FR").pk, "language": "fr",
        "name": "Mission permanente de la France", "email": "geneve.fr@example.org",
        "active": "on"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.email == "geneve.fr@example.org"
    logged = ActionLogEntry.objects.get(action="correspondence.address_book.updated")
    assert logged.data["email"] == ["mission.fr@example.org", "geneve.fr@example.org"]
