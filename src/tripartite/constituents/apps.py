from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConstituentsConfig(AppConfig):
    name = "tripartite.constituents"
    verbose_name = _("Constituents")
