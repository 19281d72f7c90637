from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SittingsConfig(AppConfig):
    name = "tripartite.sittings"
    verbose_name = _("Sittings")
