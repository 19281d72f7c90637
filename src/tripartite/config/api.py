"""The JSON API at /api/: one NinjaAPI, its authentication, and one error format.

Authentication is either a personal token (``Authorization: Bearer tp_…``, created on the
profile page) or the browser's Django session, which must then send the CSRF token on
every unsafe method. Every error is a JSON body ``{"code": ..., "message": ...}``, with
``field`` or ``errors`` when an input is at fault; see docs/api.md.
"""

import datetime
import logging
from functools import wraps

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer, django_auth

from tripartite.accounts.api import router as accounts_router
from tripartite.accounts.services import ApiTokenExpiredError, user_for_api_token
from tripartite.common.services import ServiceError, refusal_for_database_error
from tripartite.constituents.api import router as constituents_router
from tripartite.correspondence.api import router as correspondence_router
from tripartite.delegations.api import router as delegations_router
from tripartite.delegations.objections_api import router as objections_router
from tripartite.jobs.api import router as jobs_router
from tripartite.library.api import router as library_router
from tripartite.meetings.api import router as meetings_router
from tripartite.membership.api import router as membership_router
from tripartite.proposals.api import router as proposals_router
from tripartite.registration.api import router as registration_router
from tripartite.site.middleware import RETRY_AFTER_SECONDS, unavailable_message
from tripartite.site.readiness import unavailable_service
from tripartite.sittings.api import router as sittings_router
from tripartite.votes.api import router as votes_router

logger = logging.getLogger(__name__)


class InvalidApiToken(AuthenticationError):
    """A Bearer token was sent but is unknown, revoked, or its user is inactive."""


class ExpiredApiToken(AuthenticationError):
    """A Bearer token was sent that was valid once, but its lifetime is over."""

    def __init__(self, expired_at):
        super().__init__()
        self.expired_at = expired_at


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer tp_…``: a personal token; no CSRF check is needed."""

    def authenticate(self, request, token):
        try:
            user = user_for_api_token(token) if token else None
        except ApiTokenExpiredError as expired:
            raise ExpiredApiToken(expired.expired_at) from None
        if user is None:
            # Refuse at once rather than fall through to the session: a client that sent
            # a token wants to know that the token is what failed.
            raise InvalidApiToken
        request.user = user
        if user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return user


class JSONEncoder(NinjaJSONEncoder):
    """Times keep their microseconds (Django's encoder cuts them to milliseconds), so the
    ``updated_at`` a client sends back matches the stored one exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class FullPrecisionJSONRenderer(JSONRenderer):
    encoder_class = JSONEncoder


class TripartiteAPI(NinjaAPI):
    """NinjaAPI whose "method not allowed" answers in JSON like every other error, and whose
    schema documents the error answers every operation may give."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        _document_errors(schema)
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = _json_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace


# The answers of the error handlers below, which any operation may give (docs/api.md).
ERROR_ANSWERS = {
    "400": "The request cannot be read (body not JSON, multipart without boundary).",
    "401": "No valid token or session.",
    "403": "Not allowed, or the CSRF token is missing.",
    "404": "Nothing at this address.",
    "409": "A conflict: changed since you read it, or still used by other records.",
    "422": "An input is not valid; `errors` lists each with its field.",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "field": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["message"],
            "properties": {"field": {"type": ["string", "null"]},
                           "message": {"type": "string"}}}},
    },
}


def _document_errors(schema) -> None:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in schema["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_ANSWERS.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": reference}}})


def _json_method_not_allowed(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = error_response(request, 405, "method_not_allowed", _(
                "This address does not accept %(method)s; it accepts %(allowed)s.") % {
                "method": request.method, "allowed": allowed})
            response["Allow"] = allowed
        return response

    return wrapper


api = TripartiteAPI(
    title="Tripartite API",
    version="1",
    description="Member States, constituents, people and meetings of the Tripartite "
                "secretariat platform. Authenticate with a personal token "
                "(`Authorization: Bearer tp_…`) or a logged-in session with its CSRF token.",
    urls_namespace="api",
    renderer=FullPrecisionJSONRenderer(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    # The token comes first: the session check refuses an unsafe method without a CSRF
    # token, which a token client never has.
    auth=[ApiTokenAuth(), django_auth],
)

api.add_router("", accounts_router, tags=["accounts"])
api.add_router("", constituents_router, tags=["constituents"])
api.add_router("", meetings_router, tags=["meetings"])
api.add_router("", delegations_router, tags=["delegations"])
api.add_router("", objections_router, tags=["objections"])
api.add_router("", registration_router, tags=["registration"])
api.add_router("", membership_router, tags=["membership"])
api.add_router("", votes_router, tags=["votes"])
api.add_router("", sittings_router, tags=["sittings"])
api.add_router("", proposals_router, tags=["proposals"])
api.add_router("", correspondence_router, tags=["correspondence"])
api.add_router("", jobs_router, tags=["jobs"])
api.add_router("", library_router, tags=["library"])


# --- errors --------------------------------------------------------------------------------

def error_response(request, status: int, code: str, message, **extra):
    body = {"code": code, "message": str(message)}
    body.update({key: value for key, value in extra.items() if value is not None})
    return api.create_response(request, body, status=status)


def _body_path(field):
    """Service and model errors name an input of the request body: ``body.<field>``."""
    if not field or field == NON_FIELD_ERRORS:
        return None
    return f"body.{field}"


def _validation_response(request, errors: list[dict]):
    message = errors[0]["message"] if len(errors) == 1 else _(
        "Some of the data sent is not valid; see the list of errors.")
    return error_response(request, 422, "validation_error", message, errors=errors)


@api.exception_handler(NinjaValidationError)
def on_request_invalid(request, exc: NinjaValidationError):
    return _validation_response(request, [
        {"field": _input_path(error), "message": _input_message(error)}
        for error in exc.errors])


@api.exception_handler(DjangoValidationError)
def on_model_invalid(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        by_field = exc.message_dict
        # A translated field fails twice, as ``title`` and as ``title_en``: the base column
        # mirrors the default language, and the client only knows ``title_en``.
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        errors = [{"field": _body_path(field), "message": message}
                  for field, messages in by_field.items() if f"{field}_{default}" not in by_field
                  for message in messages]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return _validation_response(request, errors)


@api.exception_handler(ServiceError)
def on_service_refusal(request, exc: ServiceError):
    return error_response(request, exc.status, exc.code, exc.message,
                          field=_body_path(exc.field))


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", _("Nothing was found at this address."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error_response(request, 403, "forbidden", _("You are not allowed to do this."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if isinstance(exc, ExpiredApiToken):
        return error_response(request, 401, "token_expired", _(
            "The API token expired on %(date)s. Create a new one on your profile page.") % {
            "date": exc.expired_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")})
    if isinstance(exc, InvalidApiToken):
        return error_response(request, 401, "unauthenticated",
                              _("The API token is unknown or was revoked."))
    if isinstance(exc, AuthenticationError):
        return error_response(request, 401, "unauthenticated", _(
            "Log in, or send a personal API token: Authorization: Bearer tp_…"))
    if exc.status_code == 403 and "CSRF" in exc.message:
        # Raised by the session authentication for an unsafe method without CSRF token.
        return error_response(request, 403, "csrf_failed", _(
            "The CSRF token is missing or wrong. Send the X-CSRFToken header with the value "
            "of the csrftoken cookie, or use a personal API token instead."))
    if exc.status_code == 400 and "parse" in exc.message:
        # Raised by ninja when the body cannot be read as JSON.
        return error_response(request, 400, "invalid_json",
                              _("The request body is not valid JSON."))
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
             429: "throttled"}
    return error_response(request, exc.status_code, codes.get(exc.status_code, "error"),
                          exc.message)


@api.exception_handler(MultiPartParserError)
def on_unreadable_body(request, exc):
    return error_response(request, 400, "unreadable_body", _(
        "The request body could not be read: multipart/form-data needs its boundary."))


@api.exception_handler(Exception)
def on_unexpected(request, exc: Exception):
    refusal = refusal_for_database_error(exc)
    if refusal is not None:
        return on_service_refusal(request, refusal)
    service = unavailable_service(exc)
    if service is not None:  # Redis or the object store does not answer: try again later
        logger.error("%s unreachable during API %s %s: %s", service, request.method,
                     request.path, exc)
        response = error_response(request, 503, "service_unavailable",
                                  unavailable_message(service))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(request, 500, "server_error", _(
        "Something went wrong on the server. The error was logged; please try again later."))


def _input_path(error: dict) -> str:
    """``("body", "payload", "title_en")`` → ``body.title_en``: where the client put it.

    Ninja names a body schema by the view's parameter (``payload``); the client never sees
    that name, so it is left out.
    """
    location = [str(part) for part in error.get("loc", ())]
    if len(location) >= 2 and location[0] == "body" and location[1] == "payload":
        location = [location[0], *location[2:]]
    return ".".join(location)


def _input_message(error: dict) -> str:
    """Pydantic's messages are English only; the common ones are given in the user's language."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "extra_forbidden": _("This field is not known here."),
        "string_type": _("Enter a text."),
        "int_type": _("Enter a whole number."),
        "int_parsing": _("Enter a whole number."),
        "bool_type": _("Enter true or false."),
        "bool_parsing": _("Enter true or false."),
        "list_type": _("Enter a list."),
        "datetime_type": _("Enter a valid date/time."),
        "datetime_parsing": _("Enter a valid date/time."),
        "datetime_from_date_parsing": _("Enter a valid date/time."),
        "timezone_aware": _("Give the time with its offset from UTC, e.g. "
                            "2026-06-01T10:00:00+02:00."),
        "json_invalid": _("The request body is not valid JSON."),
        "model_attributes_type": _("Send a JSON object."),
        "dict_type": _("Send a JSON object."),
    }
    if kind in messages:
        return messages[kind]
    if kind in {"enum", "literal_error"}:
        return _("Select one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind == "string_too_long":
        return _("Ensure this value has at most %(max)s characters.") % {
            "max": context.get("max_length")}
    if kind == "string_too_short":
        return _("Ensure this value has at least %(min)s characters.") % {
            "min": context.get("min_length")}
    if kind == "time_with_offset":
        return _("Give the time in the venue's time zone, without an offset.")
    if kind == "year_out_of_range":
        return _("The year must be from %(min)s to %(max)s.") % context
    if kind in {"greater_than_equal", "less_than_equal"}:
        limit = context.get("ge", context.get("le"))
        return (_("Ensure this value is at least %(limit)s.") if kind == "greater_than_equal"
                else _("Ensure this value is at most %(limit)s.")) % {"limit": limit}
    return str(error.get("msg", _("This value is not valid.")))


# Any other address under /api/ answers in JSON too, not with the site's HTML page.
_unknown = Router()


@_unknown.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None,
                        include_in_schema=False)
def unknown_address(request, rest: str):
    raise Http404


api.add_router("", _unknown)
