"""Who may write which organisation's IATI file, and of which responses.

A member's focal points and the Secretariat export the member's responses (all of them: the
file is the organisation's own); the public file of an organisation holds its responses
marked *may be published* only. Focal points who may add responses for the organisation, and
the Secretariat, may state its IATI identifier and organisation type.
"""

from django.db.models import Count, Q

from ..models import Member, Response
from ..permissions import manages_all_responses, member_ids_of, response_policy


def exporting_members(user):
    """The organisations whose IATI file `user` may download, with their response counts."""
    members = Member.objects.all()
    if not manages_all_responses(user):
        members = members.filter(pk__in=member_ids_of(user))
    return members.annotate(response_count=Count("reported_responses")).order_by("name")


def may_export(user, member):
    return manages_all_responses(user) or member.pk in member_ids_of(user)


def may_state_identity(user, member):
    """May `user` set `member`'s IATI identifier and organisation type?"""
    if manages_all_responses(user):
        return True
    return member.pk in member_ids_of(user) and response_policy().user_has_permission(user, "add")


def member_responses(member):
    """Every response `member` reports (for its own file)."""
    return Response.objects.filter(reporting_member=member)


def public_responses(member):
    """The responses of `member` that may be published (for its public file)."""
    return member_responses(member).filter(sensitivity=Response.Sensitivity.PUBLIC)


def publishing_members():
    """Organisations with an IATI identity and at least one response that may be published."""
    return (
        Member.objects.exclude(iati_identifier="")
        .exclude(iati_organisation_type="")
        .annotate(
            public_count=Count(
                "reported_responses",
                filter=Q(reported_responses__sensitivity=Response.Sensitivity.PUBLIC),
            )
        )
        .filter(public_count__gt=0)
        .order_by("name")
    )
