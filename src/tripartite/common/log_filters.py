"""Logging filters of the whole site.

A refused request (403, 404, 405…) is the client's affair: Django logs it with the exception
that answered it, so each one printed a traceback. ``ClientErrorsOnOneLine`` keeps the one
line ("Forbidden (Permission denied): /votes/3/manage/") and drops the traceback; a server
error (5xx) keeps its traceback.
"""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
