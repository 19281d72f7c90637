"""Objections decided before the Standing Orders' procedure was modelled: the old decision
becomes the status, and a decided one keeps its date and text as a decision of the Committee
whose members' votes were not recorded (empty positions, not unanimous)."""

from django.db import migrations

STATUS = {"pending": "pending", "irreceivable": "irreceivable",
          "receivable": "under_examination", "upheld": "decided", "dismissed": "decided"}
OUTCOME = {"upheld": "propose_invalidation", "dismissed": "no_action"}


def forwards(apps, schema_editor):
    Objection = apps.get_model("delegations", "Objection")
    CommitteeDecision = apps.get_model("delegations", "CommitteeDecision")
    for objection in Objection.objects.exclude(decision="pending"):
        objection.status = STATUS[objection.decision]
        objection.save(update_fields=["status"])
        if objection.decided_on is None:
            continue
        CommitteeDecision.objects.create(
            objection=objection, decided_on=objection.decided_on,
            text=objection.decision_text or "—",
            kind="receivability" if objection.decision in ("irreceivable", "receivable")
            else "outcome",
            receivable={"irreceivable": False, "receivable": True}.get(objection.decision),
            outcome=OUTCOME.get(objection.decision, ""))


def backwards(apps, schema_editor):
    Objection = apps.get_model("delegations", "Objection")
    back = {"pending": "pending", "receivability_at_conference": "pending",
            "irreceivable": "irreceivable", "under_examination": "receivable",
            "at_conference": "upheld", "decided": "dismissed"}
    for objection in Objection.objects.all():
        objection.decision = back[objection.status]
        last = objection.committee_decisions.order_by("-decided_on", "-id").first()
        if last is not None:
            objection.decided_on, objection.decision_text = last.decided_on, last.text
        objection.save(update_fields=["decision", "decided_on", "decision_text"])


class Migration(migrations.Migration):
    dependencies = [("delegations", "0002_objection_status_committee_and_conference_decisions")]

    operations = [migrations.RunPython(forwards, backwards)]
