from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_user_unit_and_person"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.AddField(
            model_name="user",
            name="calendar_feed_nonce",
            field=models.CharField(blank=True, default="", editable=False, max_length=32),
        ),
    ]
