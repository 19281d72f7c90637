"""The mail backend used when no mail server is configured and DEBUG is off.

Django's console backend prints every mail whole, and in production the console is the
server log: a password-reset mail would put a link that sets anyone's password into a file
many people can read. This backend sends nothing and logs only that a mail was not sent, to
whom and with which subject, never its body. It reports every message as not sent, so that
nothing (a letter in the outgoing register, say) is recorded as sent when it was not.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class UnsentMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            logger.warning(
                "Mail not sent, no mail server is configured (EMAIL_BACKEND): to %s, "
                "subject %r.", ", ".join(message.recipients()), message.subject)
        return 0
