"""Middleware of the top floor: each request observed (id, log line, metrics), and a clear 503
when a service it needs (Redis, the object store) does not answer."""

import logging
import time

from django.shortcuts import render
from django.utils.translation import gettext as _

from tripartite.site import metrics
from tripartite.site.logs import (
    bind_request_id,
    redact_secrets,
    request_id_for,
    unbind_request_id,
)
from tripartite.site.readiness import OBJECT_STORE, unavailable_service

request_log = logging.getLogger("tripartite.request")
logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class RequestObservationMiddleware:
    """First in the chain: gives the request its id (``X-Request-ID``, the proxy's or a new
    one), echoes it in the response, writes one log line and counts the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_for(request.META)
        request.request_id = request_id
        token = bind_request_id(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            seconds = time.perf_counter() - started
            metrics.observe_request(request.method, response.status_code, seconds)
            user = getattr(request, "user", None)
            request_log.info(
                "%s %s %s", request.method, redact_secrets(request.path), response.status_code,
                extra={"method": request.method, "path": redact_secrets(request.path),
                       "status": response.status_code,
                       "duration_ms": round(seconds * 1000, 1),
                       "user_id": user.pk if user is not None and user.is_authenticated
                       else None})
            return response
        finally:
            unbind_request_id(token)


class ServiceUnavailableMiddleware:
    """A view that failed because Redis or the object store did not answer gets a 503 that
    says which, and asks to try again; nothing was saved (the request's transaction, if any,
    was rolled back by the error). The API answers the same in its JSON envelope
    (tripartite.config.api)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        service = unavailable_service(exception)
        if service is None:
            return None
        logger.error("%s unreachable during %s %s: %s", service, request.method,
                     redact_secrets(request.path), exception)
        message = unavailable_message(service)
        response = render(request, "site/unavailable.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def unavailable_message(service: str) -> str:
    if service == OBJECT_STORE:
        return _("The file store cannot be reached at the moment, so this cannot be done and "
                 "nothing was saved. Please try again in a few minutes.")
    return _("The shared cache cannot be reached at the moment, so this cannot be done and "
             "nothing was saved. Please try again in a few minutes.")
