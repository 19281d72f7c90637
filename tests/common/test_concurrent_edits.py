"""Lost updates: two editors of one record at once, and a stale copy saved over a newer
change. The shared update helper (``update_logged``/``check_not_stale``) locks the row
before it checks the version the editor saw, and writes only the columns it changes."""

import contextlib
import threading

import pytest
from django.db import connection
from django.db.models.signals import pre_save

from tests.concurrency import run_concurrently
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import EditConflictError
from tripartite.correspondence.models import AddressBookEntry, RecipientKind
from tripartite.correspondence.services import templates

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs real concurrent connections (PostgreSQL)")


def _entry(**values) -> AddressBookEntry:
    return AddressBookEntry.objects.create(
        kind=RecipientKind.PERSON, name="Ms Ada Example", language="en",
        email="ada@example.org", **values)



@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_record_at_once_one_wins_the_other_gets_a_conflict():
    """Both editors opened the form on the same version. Each save waits (pre_save, Django's
    own hook) until the other has had time to pass the staleness check: with a plain read
    both pass and the second overwrites the first; with the row lock the second waits for
    the first's commit, sees the new version and is refused."""
    actor = user_with_role(Role.SECRETARIAT)
    entry = _entry()
    seen = entry.updated_at
    both_checked = threading.Barrier(2, timeout=3)

    def hold_until_both_checked(sender, instance, **kwargs):
        if sender is AddressBookEntry:
            # Broken: the other editor is waiting for our row lock: go on.
            with contextlib.suppress(threading.BrokenBarrierError):
                both_checked.wait()

    def edit(name):
        mine = AddressBookEntry.objects.get(pk=entry.pk)  # the form, opened at `seen`
        return templates.address_book_entry_update(
            actor=actor, entry=mine, changes={"name": name}, seen_updated_at=seen)

    pre_save.connect(hold_until_both_checked)
    try:
        outcomes = run_concurrently([lambda: edit("First editor"),
                                      lambda: edit("Second editor")],
                                     threading.Barrier(2))
    finally:
        pre_save.disconnect(hold_until_both_checked)

    conflicts = [o for o in outcomes if isinstance(o, EditConflictError)]
    saved = [o for o in outcomes if isinstance(o, AddressBookEntry)]
    assert len(conflicts) == 1
    assert (conflicts[0].status, conflicts[0].code) == (409, "conflict")
    assert len(saved) == 1
    entry.refresh_from_db()
    assert entry.name == saved[0].name
    assert ActionLogEntry.objects.filter(action="correspondence.address_book.updated",
                                         object_id=str(entry.pk)).count() == 1


@pytest.mark.django_db
def test_a_save_writes_only_the_changed_columns_and_does_not_revert_another_change():
    """The form was opened (a copy loaded); meanwhile another editor changed the e-mail
    address; the form then changes only the name. The e-mail stays the new one."""
    actor = user_with_role(Role.SECRETARIAT)
    entry = _entry(addressee="H.E. Ms Ada Example")
    the_form_copy = AddressBookEntry.objects.get(pk=entry.pk)
    templates.address_book_entry_update(actor=actor, entry=entry,
                                       changes={"email": "new@example.org"})
    templates.address_book_entry_update(actor=actor, entry=the_form_copy,
                                       changes={"name": "Ms Ada Example-Smith"})
    stored = AddressBookEntry.objects.get(pk=entry.pk)
    assert (stored.name, stored.email, stored.addressee) == (
        "Ms Ada Example-Smith", "new@example.org", "H.E. Ms Ada Example")
    logged = ActionLogEntry.objects.filter(action="correspondence.address_book.updated",
                                           object_id=str(entry.pk)).order_by("pk")
    assert [row.data for row in logged] == [
        {"email": ["ada@example.org", "new@example.org"]},
        {"name": ["Ms Ada Example", "Ms Ada Example-Smith"]}]


@pytest.mark.django_db
def test_a_stale_copy_changing_a_field_logs_the_value_really_replaced():
    actor = user_with_role(Role.SECRETARIAT)
    entry = _entry()
    stale = AddressBookEntry.objects.get(pk=entry.pk)
    templates.address_book_entry_update(actor=actor, entry=entry,
                                       changes={"email": "second@example.org"})
    templates.address_book_entry_update(actor=actor, entry=stale,
                                       changes={"email": "third@example.org"})
    last = ActionLogEntry.objects.filter(action="correspondence.address_book.updated",
                                         object_id=str(entry.pk)).latest("pk")
    assert last.data == {"email": ["second@example.org", "third@example.org"]}


@pytest.mark.django_db
def test_a_record_ordered_through_a_relation_can_be_locked_for_an_edit():
    """Governing Body seats are ordered by their State's name: the lock must not join it
    (PostgreSQL refuses FOR UPDATE on the nullable side of an outer join)."""
    from django.db import transaction

    from tests.membership.factories import GoverningBodyMembershipFactory
    from tripartite.common.services import check_not_stale

    seat = GoverningBodyMembershipFactory()
    with transaction.atomic():
        check_not_stale(seat, seat.updated_at)
        with pytest.raises(EditConflictError):
            check_not_stale(seat, seat.updated_at.replace(year=2000))
