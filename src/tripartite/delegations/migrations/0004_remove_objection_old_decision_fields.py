from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("delegations", "0003_objection_decisions_into_the_new_procedure")]

    operations = [
        migrations.RemoveField(
            model_name='objection',
            name='decided_on',
        ),
        migrations.RemoveField(
            model_name='objection',
            name='decision',
        ),
        migrations.RemoveField(
            model_name='objection',
            name='decision_text',
        ),
    ]
