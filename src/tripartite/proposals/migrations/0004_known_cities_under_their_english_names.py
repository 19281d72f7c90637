"""A proposal's city typed in French or Spanish ("Genève", "Ginebra") is recorded under its
English name, as the forms and the API now do (``meetings.places.english_name``), so that each
reader sees it in their language. Other cities are left as typed. Nothing to undo."""

from django.db import migrations

from tripartite.meetings.places import english_name


def english_names(apps, schema_editor):
    MeetingProposal = apps.get_model("proposals", "MeetingProposal")
    changed = []
    for proposal in MeetingProposal.objects.exclude(city="").only("id", "city"):
        name = english_name(proposal.city)
        if name != proposal.city:
            proposal.city = name
            changed.append(proposal)
    MeetingProposal.objects.bulk_update(changed, ["city"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0003_state_on_hold_label"),
    ]

    operations = [
        migrations.RunPython(english_names, migrations.RunPython.noop),
    ]
