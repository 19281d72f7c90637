"""A session's venue and city in English, French and Spanish (django-modeltranslation's
columns, as for titles): the English columns take the names as they were; the French and
Spanish ones are filled for well-known places (the demo's and the ILO's usual venues), and
left empty otherwise, which reads as the English name.

The table is a copy, frozen here, of ``tripartite.meetings.places`` as it was when this
migration was written.
"""

from django.db import migrations, models

# English -> (French, Spanish)
PLACES = {
    "Geneva": ("Genève", "Ginebra"), "Turin": ("Turin", "Turín"),
    "Bangkok": ("Bangkok", "Bangkok"), "Abidjan": ("Abidjan", "Abiyán"),
    "Lima": ("Lima", "Lima"), "Addis Ababa": ("Addis-Abeba", "Addis Abeba"),
    "Dakar": ("Dakar", "Dakar"), "Nairobi": ("Nairobi", "Nairobi"),
    "Cairo": ("Le Caire", "El Cairo"), "Beirut": ("Beyrouth", "Beirut"),
    "New Delhi": ("New Delhi", "Nueva Delhi"), "Jakarta": ("Jakarta", "Yakarta"),
    "Manila": ("Manille", "Manila"), "Singapore": ("Singapour", "Singapur"),
    "Moscow": ("Moscou", "Moscú"), "Brussels": ("Bruxelles", "Bruselas"),
    "Vienna": ("Vienne", "Viena"), "Rome": ("Rome", "Roma"), "London": ("Londres", "Londres"),
    "Paris": ("Paris", "París"), "New York": ("New York", "Nueva York"),
    "Mexico City": ("Mexico", "Ciudad de México"), "Santiago": ("Santiago", "Santiago"),
    "Buenos Aires": ("Buenos Aires", "Buenos Aires"), "Panama City": ("Panama", "Ciudad de Panamá"),
    "Port of Spain": ("Port-d'Espagne", "Puerto España"), "Algiers": ("Alger", "Argel"),
    "Yaoundé": ("Yaoundé", "Yaundé"), "Tokyo": ("Tokyo", "Tokio"),
    "Istanbul": ("Istanbul", "Estambul"), "The Hague": ("La Haye", "La Haya"),
    "Lisbon": ("Lisbonne", "Lisboa"), "Online": ("En ligne", "En línea"),
    "International Labour Office": ("Bureau international du Travail",
                                    "Oficina Internacional del Trabajo"),
    "Palais des Nations": ("Palais des Nations", "Palacio de las Naciones"),
    "United Nations Conference Centre": ("Centre de conférences des Nations Unies",
                                         "Centro de Conferencias de las Naciones Unidas"),
    "International Training Centre of the ILO": ("Centre international de formation de l'OIT",
                                                 "Centro Internacional de Formación de la OIT"),
}
FIELDS = ("venue", "city")


def fill(apps, schema_editor):
    Session = apps.get_model("meetings", "Session")
    changed = []
    for session in Session.objects.all():
        for field in FIELDS:
            english = (getattr(session, f"{field}_en") or getattr(session, field) or "").strip()
            setattr(session, f"{field}_en", english or None)
            french, spanish = PLACES.get(english, (None, None))
            if not getattr(session, f"{field}_fr"):
                setattr(session, f"{field}_fr", french)
            if not getattr(session, f"{field}_es"):
                setattr(session, f"{field}_es", spanish)
        changed.append(session)
    Session.objects.bulk_update(changed, [f"{field}_{language}" for field in FIELDS
                                          for language in ("en", "fr", "es")])


def unfill(apps, schema_editor):
    Session = apps.get_model("meetings", "Session")
    for session in Session.objects.all():
        for field in FIELDS:
            setattr(session, field, getattr(session, f"{field}_en") or "")
        session.save(update_fields=list(FIELDS))



class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0002_agenda_item_adviser_help_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='session',
            name='city_en',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='session',
            name='city_es',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='session',
            name='city_fr',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='session',
            name='venue_en',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='session',
            name='venue_es',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='session',
            name='venue_fr',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='venue'),
        ),
        migrations.RunPython(fill, unfill),
    ]
