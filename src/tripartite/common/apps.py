from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "tripartite.common"
    verbose_name = _("Common")

    def ready(self):
        from tripartite.common import checks  # noqa: F401  (registers system checks)
