from django.db import models
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import TimeStampedModel
from tripartite.rules.regions import regional_meeting_region


class IloRegion(models.TextChoices):
    """The Office's five regions (GEN-2)."""

    AFRICA = "Africa", _("Africa")
    AMERICAS = "Americas", _("Americas")
    ARAB_STATES = "Arab States", _("Arab States")
    ASIA_PACIFIC = "Asia and the Pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "Europe and Central Asia", _("Europe and Central Asia")


class MemberState(TimeStampedModel):
    """A member State of the ILO. ``name`` is stored in EN/FR/ES (see translation.py).

    Names are the official short names of the United Nations and the ILO ("Fédération de
    Russie", "Bolivia (Estado Plurinacional de)"), loaded from ``data/ilo-member-states.csv``;
    the ISO short names are kept beside them in ``iso_name_*``. Staff may still correct a
    name.
    """

    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=200)
    iso_name_en = models.CharField(_("ISO name (English)"), max_length=200, editable=False)
    iso_name_fr = models.CharField(_("ISO name (French)"), max_length=200, editable=False)
    iso_name_es = models.CharField(_("ISO name (Spanish)"), max_length=200, editable=False)
    ilo_region = models.CharField(_("ILO region"), max_length=40, choices=IloRegion.choices,
                                  db_index=True)
    chief_industrial_importance = models.BooleanField(
        _("chief industrial importance"), default=False,
        help_text=_("One of the ten States holding a permanent Governing Body seat."))

    class Meta:
        verbose_name = _("member State")
        verbose_name_plural = _("member States")
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def regional_meeting_region(self) -> str:
        return regional_meeting_region(self.ilo_region)

    def get_regional_meeting_region_display(self) -> str:
        return IloRegion(self.regional_meeting_region).label


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry (Government)")
    EMPLOYERS = "employers", _("Employers' organization")
    WORKERS = "workers", _("Workers' organization")
    OTHER = "other", _("Other organization")


class ConstituentOrganisation(TimeStampedModel):
    """A ministry, employers' or workers' organisation of a member State."""

    member_state = models.ForeignKey(MemberState, verbose_name=_("member State"),
                                     on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    most_representative = models.BooleanField(
        _("most representative"), default=False,
        help_text=_("Most representative organization of employers or workers "
                    "(Constitution art. 3(5))."))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("constituent organization")
        verbose_name_plural = _("constituent organizations")
        ordering = ["member_state__name_en", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["member_state", "kind", "name"],
                                    name="unique_organisation_name_per_state_and_kind"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
    OTHER = "x", _("Other / not stated")


class Person(TimeStampedModel):
    """Someone who takes part: a name in any script, and its Latin form for sorting."""

    name = models.CharField(_("name"), max_length=200,
                            help_text=_("As the person writes it, in any script."))
    name_latin = models.CharField(
        _("name in Latin script"), max_length=200, db_index=True,
        help_text=_("Used for sorting and searching; may equal the name."))
    family_name = models.CharField(
        _("family name"), max_length=200, blank=True,
        help_text=_("As written in the name in Latin script; lists of delegations show it in "
                    "capitals (Hélène MARCHETTI). Left empty, it is guessed from the name."))
    title = models.CharField(_("title"), max_length=40, blank=True,
                             help_text=_("Mr, Ms, Dr, H.E. …"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    member_state = models.ForeignKey(MemberState, verbose_name=_("member State"), null=True,
                                     blank=True, on_delete=models.PROTECT,
                                     related_name="people")
    organisation = models.ForeignKey(ConstituentOrganisation, verbose_name=_("organization"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="people")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_latin", "id"]

    def __str__(self):
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name
