"""Who counts as staff for signing in: the Secretariat, the Support Groups, the Board and
superusers. Staff always sign in with a second factor and have the shorter idle timeout."""

from django.conf import settings

from needs_snippets.roles import BOARD, SECRETARIAT, SUPPORT_GROUPS

STAFF_GROUPS = (SECRETARIAT, BOARD, *SUPPORT_GROUPS.values())


def is_staff_role(user):
    """True for superusers and members of a staff group (looked up once per user object)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_iisg_staff_role"):
        user._iisg_staff_role = (
            user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists()
        )
    return user._iisg_staff_role


def requires_second_factor(user):
    """Staff always; members too when IISG_MEMBERS_REQUIRE_SECOND_FACTOR is on."""
    if not user.is_authenticated:
        return False
    return settings.IISG_MEMBERS_REQUIRE_SECOND_FACTOR or is_staff_role(user)
