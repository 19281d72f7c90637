from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: the home page, the history page, health checks and the operational
    commands (serve, backup, restore, demo, rules). It may import every room; no room imports
    it."""

    name = "tripartite.site"
    label = "tripartite_site"
    verbose_name = _("Site")

    def ready(self):
        from tripartite.site import checks  # noqa: F401  (registers system checks)
