"""Login lock-out: per account and address, and per address alone with a higher limit.

django-axes counts failures per (username, address) and locks that pair after
LOGIN_FAILURE_LIMIT failures. That alone lets one address try a few passwords on each of many
accounts (password spraying) without ever being locked. Axes has a single failure limit for
all its lock-out parameters, and an address shared by a whole venue must not be locked after
five typos, so the address-wide count is kept here, with its own, higher limit
(LOGIN_ADDRESS_FAILURE_LIMIT): past it, every login from that address is refused until the
failures are older than the cool-off time.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def failures_from_address(request) -> int:
    """Failed logins from the request's address within the cool-off time, any username."""
    recent = AccessAttempt.objects.filter(ip_address=request.axes_ip_address,
                                          attempt_time__gte=get_cool_off_threshold(request))
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressAwareLockoutHandler(AxesDatabaseHandler):
    """Axes's database handler, also locking an address that failed too often overall.

    A successful login resets only its own (username, address) failures, as before: one
    account the attacker owns does not wipe the count of their failures on the others.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        if failures_from_address(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # Axes locks when the count reaches its one limit: report at least that.
            return max(per_account, get_failure_limit(request, credentials))
        return per_account
