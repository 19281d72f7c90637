from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "tripartite.library"
    verbose_name = _("Governance library")

    def ready(self):
        # A decision recorded at the Chair's console is copied into the library in the same
        # transaction (the sittings are a floor below and do not import the library).
        from tripartite.library import services
        from tripartite.sittings.signals import decision_recorded

        decision_recorded.connect(services.on_decision_recorded,
                                  dispatch_uid="library.decision_from_record")
