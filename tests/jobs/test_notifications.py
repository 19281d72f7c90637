"""Requests for action send mail through the background worker, once the act is committed, in
each recipient's own language, to the people concerned and nobody else."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.factories import SessionFactory, state, user_with_role
from tests.proposals.factories import make_proposal
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, DelegationStatus
from tripartite.delegations.services.credentials import delegation_query_send
from tripartite.delegations.services.objections import objection_lodge
from tripartite.demo.loader import load_demo
from tripartite.jobs import notifications
from tripartite.proposals import services as proposals

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def delegation():
    return Delegation.objects.create(
        member_state=state("FR"), session=SessionFactory(), status=DelegationStatus.UNDER_REVIEW,
        received_on=dt.date(2026, 5, 1), submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))


@pytest.fixture
def focal_points():
    """France's focal points, one reading French and one Spanish; Germany's; and a French
    one deactivated."""
    return {
        "fr": user_with_role(Role.FOCAL_POINT, language="fr", first_name="Claire"),
        "es": user_with_role(Role.FOCAL_POINT, language="es", first_name="Lucía"),
        "other_state": user_with_role(Role.FOCAL_POINT, member_state=state("DE"),
                                      language="fr"),
        "inactive": user_with_role(Role.FOCAL_POINT, is_active=False),
    }


def mail_to(user):
    found = [message for message in mail.outbox if message.to == [user.email]]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_query_mails_the_states_focal_points_in_their_languages_from_the_worker(
        client, delegation, focal_points, run_jobs, django_capture_on_commit_callbacks):
    officer = user_with_role(Role.SECRETARIAT)
    client.force_login(officer)
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    seen = client.get(url).context["query_form"].initial["seen_updated_at"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "query", "seen_updated_at": seen,
                                     "question": "Merci d'envoyer la lettre signée."})
    assert response.status_code == 302
    # Nothing is sent inside the request: one task per recipient waits for the worker.
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(
        task_path="tripartite.delegations.tasks.mail_query_sent").count() == 2

    assert run_jobs() == 2
    french, spanish = mail_to(focal_points["fr"]), mail_to(focal_points["es"])
    portal = "http://127.0.0.1:8000" + reverse("delegations:portal_delegation",
                                               args=[delegation.session_id, "FR"])
    assert french.subject.startswith("Question du Bureau sur votre délégation (France)")
    assert french.body.startswith("Bonjour Claire ")
    assert "Merci d'envoyer la lettre signée." in french.body
    assert "Veuillez y répondre dans le portail des délégations" in french.body
    assert portal in french.body and "Merci de ne pas répondre" in french.body
    assert spanish.subject.startswith("Pregunta de la Oficina sobre su delegación (Francia)")
    assert spanish.body.startswith("Estimado/a Lucía ")
    assert "Sírvase responderla en el portal de delegaciones" in spanish.body
    assert portal in spanish.body
    # Another State's focal point and a deactivated account get nothing.
    assert mail_to(focal_points["other_state"]) is None
    assert mail_to(focal_points["inactive"]) is None
    assert len(mail.outbox) == 2


def test_nothing_is_queued_or_sent_when_the_transaction_rolls_back(
        delegation, focal_points, run_jobs, django_capture_on_commit_callbacks):
    officer = user_with_role(Role.SECRETARIAT)
    with (django_capture_on_commit_callbacks(execute=True) as callbacks,
          pytest.raises(RuntimeError), transaction.atomic()):
        delegation_query_send(actor=officer, delegation=delegation, question="Why?")
        raise RuntimeError("something later in the same request failed")
    assert callbacks == []
    assert not DBTaskResult.objects.exists()
    assert run_jobs() == 0 and mail.outbox == []


def test_even_a_backend_that_runs_tasks_at_once_sends_only_after_the_commit(
        settings, delegation, focal_points, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    officer = user_with_role(Role.SECRETARIAT)
    with (django_capture_on_commit_callbacks(execute=True),
          pytest.raises(RuntimeError), transaction.atomic()):
        delegation_query_send(actor=officer, delegation=delegation, question="Why?")
        raise RuntimeError("rolled back")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delegation_query_send(actor=officer, delegation=delegation, question="Why?")
    assert mail.outbox == []  # the act is not committed yet
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2


def test_who_is_no_longer_concerned_when_the_worker_runs_gets_nothing(
        delegation, focal_points, run_jobs, django_capture_on_commit_callbacks):
    focal_points["another"] = user_with_role(Role.FOCAL_POINT)
    with django_capture_on_commit_callbacks(execute=True):
        delegation_query_send(actor=user_with_role(Role.SECRETARIAT), delegation=delegation,
                              question="Why?")
    focal_points["es"].is_active = False  # deactivated meanwhile
    focal_points["es"].save()
    focal_points["another"].member_state = state("DE")  # now Germany's focal point
    focal_points["another"].save()
    assert run_jobs() == 3
    assert [message.to for message in mail.outbox] == [[focal_points["fr"].email]]


def test_an_objection_mails_the_credentials_committee_but_its_author(
        delegation, run_jobs, django_capture_on_commit_callbacks):
    author = user_with_role(Role.CREDENTIALS_COMMITTEE, language="en")
    member = user_with_role(Role.CREDENTIALS_COMMITTEE, language="es", first_name="Ana")
    focal = user_with_role(Role.FOCAL_POINT, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        objection = objection_lodge(
            actor=author, session=delegation.session, delegation=delegation,
            summary="El delegado de los trabajadores no fue designado de acuerdo con las "
                    "organizaciones más representativas.",
            lodged_by="Confederación", lodged_at=dt.datetime(2026, 6, 2, 9, tzinfo=GENEVA))
    assert mail.outbox == []
    run_jobs()
    assert [message.to for message in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert message.subject == "Comisión de Verificación de Poderes — Protesta, Francia"
    assert "La Comisión decide sobre su admisibilidad" in message.body
    assert reverse("delegations:committee_objection", args=[objection.pk]) in message.body
    assert mail_to(focal) is None and mail_to(author) is None


def test_a_proposal_in_consultation_mails_the_group_secretariats_whose_opinion_it_awaits(
        run_jobs, django_capture_on_commit_callbacks):
    secretariat = user_with_role(Role.SECRETARIAT)
    employers = user_with_role(Role.GROUP_SECRETARIAT, group="employers", language="fr")
    workers = user_with_role(Role.GROUP_SECRETARIAT, group="workers", language="es")
    unit = user_with_role(Role.UNIT_OFFICER, language="fr")
    proposal = make_proposal(unit)
    proposals.proposal_submit(proposal=proposal, actor=unit, today=dt.date(2027, 6, 1))
    proposals.proposal_transition(proposal=proposal, actor=secretariat, to_state="under_review")
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_transition(proposal=proposal, actor=secretariat,
                                      to_state="in_consultation")
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([employers.email, workers.email])
    french, spanish = mail_to(employers), mail_to(workers)
    assert french.subject == ("Proposition de réunion en attente de votre avis : Atelier sur "
                              "les salaires minima en Afrique de l'Ouest")
    assert "l'avis de votre groupe (Employeurs)" in french.body
    assert spanish.subject == ("Propuesta de reunión a la espera de su opinión: Taller sobre "
                               "salarios mínimos en África Occidental")
    assert "la opinión de su grupo (Trabajadores)" in spanish.body

    # Held after the Employers gave their opinion, then taken up again: only the Workers are
    # asked again.
    proposals.consultation_record(proposal=proposal, actor=employers, group="employers",
                                  opinion="agrees")
    proposals.proposal_transition(proposal=proposal, actor=secretariat, to_state="held")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_transition(proposal=proposal, actor=secretariat,
                                      to_state="in_consultation")
    run_jobs()
    assert [m.to for m in mail.outbox] == [[workers.email]]


def test_acts_done_while_suppressed_mail_nobody(
        delegation, focal_points, run_jobs, django_capture_on_commit_callbacks):
    """Loading the demo's data moves proposals into consultation and so on: nobody is asked
    anything by it."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks, notifications.suppressed():
        delegation_query_send(actor=user_with_role(Role.SECRETARIAT), delegation=delegation,
                              question="Why?")
    assert callbacks == [] and run_jobs() == 0 and mail.outbox == []


def test_loading_the_demo_queues_no_mail(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert not DBTaskResult.objects.filter(task_path__contains=".mail_").exists()
