from tripartite.accounts import permissions as perms


def permissions(request):
    """Expose the permission predicates that the navigation needs."""
    user = request.user
    return {
        "can": {
            "manage_meetings": perms.can_manage_meetings(user),
            "view_people": perms.can_view_people(user),
            "view_history": perms.can_view_history(user),
            "secretariat": perms.is_secretariat(user),
            "use_delegations_portal": perms.can_use_delegations_portal(user),
            "view_delegations": perms.can_view_delegations(user),
            "view_objections": perms.can_view_objections(user),
        }
    }
