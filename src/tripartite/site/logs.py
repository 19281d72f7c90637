"""The log: one line per request, a request id on every line, JSON when ``LOG_FORMAT=json``.

The request id comes from the proxy's ``X-Request-ID`` header when it sends a sensible one
(letters, digits, ``-_.:``, at most 128 characters), else it is made here; it is echoed in the
response's ``X-Request-ID`` and carried by every log line written while the request runs, so
one id follows a request from the proxy's log through the application's.

Secrets that travel in addresses (a password-reset token, a calendar key, a bearer token) are
cut out of every address logged.
"""

import contextvars
import datetime as dt
import json
import logging
import re
import traceback
import uuid

REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
_SENSIBLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Secrets that travel in an address and so would reach a log: the token of a password-reset
# link (/accounts/password/reset/<uid>/<token>/), a calendar feed key (?key=…), and a bearer
# token should a log format ever include the header.
SECRETS_IN_REQUESTS = [
    (re.compile(r"(/password/reset/[^/?\s]+/)(?!set-password/)[^/?\s\"]+"), r"\1…"),
    (re.compile(r"([?&]key=)[^&\s\"]+"), r"\1…"),
    (re.compile(r"(Bearer\s+)\S+", re.IGNORECASE), r"\1…"),
]


def redact_secrets(text: str) -> str:
    for pattern, replacement in SECRETS_IN_REQUESTS:
        text = pattern.sub(replacement, text)
    return text


def request_id_for(meta: dict) -> str:
    """The proxy's id when it is sensible, else a new one."""
    given = meta.get(REQUEST_ID_HEADER, "")
    return given if _SENSIBLE_ID.fullmatch(given) else uuid.uuid4().hex


def bind_request_id(request_id: str) -> contextvars.Token:
    return _request_id.set(request_id)


def unbind_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # Django logs a 4xx after the middleware has finished, with the request attached.
            request = getattr(record, "request", None)
            record.request_id = (getattr(request, "request_id", "")
                                 or current_request_id())
        return True


# Attributes every LogRecord has: the rest were passed with ``extra=`` and go into the line,
# but for the request object Django attaches (its address may hold a secret query string).
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id", "request"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id, and the
    fields passed with ``extra=``; a traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact_secrets(record.getMessage()),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(line, default=str, ensure_ascii=False)
