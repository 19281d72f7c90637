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

        # Findings' citations link to the rules' texts the library holds (the ``cite`` filter
        # is in common, floors below): the renderer, and its once-per-request reading.
        from django.core.signals import request_finished, request_started

        from tripartite.common.templatetags import tripartite as tags
        from tripartite.library import citation_links

        tags.citation_renderer = citation_links.render
        request_started.connect(citation_links.request_started,
                                dispatch_uid="library.citations_request_started")
        request_finished.connect(citation_links.request_finished,
                                 dispatch_uid="library.citations_request_finished")
