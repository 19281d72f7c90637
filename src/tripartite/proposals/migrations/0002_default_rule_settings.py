"""The rules for meeting proposals with their defaults, so that the secretariat finds every
rule in the admin and changes it there (every change is logged)."""

from django.db import migrations

DEFAULTS = {
    "MTG-3-COMPLETE": ("error", None),
    "MTG-2-PARITY": ("error", None),
    "MTG-2-CONSULTED": ("error", None),
    "MTG-3-LEAD-TIME": ("error", 8),
    "MTG-3-DECIDED": ("error", None),
    "MTG-3-CLASH": ("warning", None),
    "MTG-3-FINANCING": ("error", None),
    "MTG-3-LANGUAGE": ("error", None),
    "GEN-4-RESOURCE": ("warning", 30),
}


def create_defaults(apps, schema_editor):
    setting = apps.get_model("proposals", "ProposalRuleSetting")
    for rule, (severity, parameter) in DEFAULTS.items():
        setting.objects.get_or_create(rule=rule, defaults={"severity": severity,
                                                           "parameter": parameter})


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_proposals_consultations_batches_rule_settings")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
