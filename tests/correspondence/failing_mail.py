"""A mail backend that takes a given number of messages, then fails like a server gone down
(for the tests of an interrupted batch). Messages it takes land in Django's test outbox."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FailingAfter(EmailBackend):
    accept = 1  # set by the test

    def send_messages(self, messages):
        from django.core import mail

        if len(mail.outbox) >= type(self).accept:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
