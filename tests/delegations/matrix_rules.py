"""The vocabulary of the permission matrix, shared by the row modules of each part."""

from tripartite.accounts.models import Role

OK, NO, LOGIN, NOT_ALLOWED = "ok", "forbidden", "login", "not allowed"
ROLES = [*Role.values, "anonymous"]
READERS = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.CREDENTIALS_COMMITTEE,
           Role.MEETING_OFFICER}


# An optional last element of an API row: a success that writes nothing (the thing asked for
# is so already). Without it, a success must write and any other answer must not.
WRITES_NOTHING = "writes nothing"


def rule(allowed, *, anonymous=LOGIN, others=NO):
    return {role: (anonymous if role == "anonymous" else OK if role in allowed else others)
            for role in ROLES}


def api_rule(allowed, ok=200):
    return {role: (401 if role == "anonymous" else ok if role in allowed else 403)
            for role in ROLES}
