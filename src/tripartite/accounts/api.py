"""The API's view of the user it is talking to."""

from ninja import Router, Schema

from tripartite.accounts.models import User

router = Router()


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    member_state: str | None
    group: str
    language: str

    @staticmethod
    def resolve_full_name(user: User) -> str:
        return user.get_full_name()

    @staticmethod
    def resolve_role_label(user: User) -> str:
        return str(user.get_role_display())

    @staticmethod
    def resolve_member_state(user: User) -> str | None:
        return user.member_state.iso2 if user.member_state_id else None


@router.get("/me", response=MeOut, operation_id="me", summary="The user the API is talking to")
def me(request):
    """Role and scope: ``member_state`` (ISO alpha-2) for a focal point, ``group`` for a group
    secretariat; ``language`` is the user's chosen language, empty when none was chosen."""
    return request.user
