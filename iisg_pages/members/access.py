"""Who enters the members area, and the privacy settings that keep it private."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from needs_snippets.permissions import can_use_members_area
from needs_snippets.roles import BOARD, MEMBERS, SECRETARIAT, SUPPORT_GROUPS

MEMBER_AREA_GROUPS = [MEMBERS, SECRETARIAT, *SUPPORT_GROUPS.values(), BOARD]
PRIVATE_COLLECTION = "Members"


def member_area_groups():
    return Group.objects.filter(name__in=MEMBER_AREA_GROUPS)


def restrict_to_member_groups(restriction):
    """Make a page or collection restriction a group restriction to the member groups."""
    restriction.restriction_type = restriction.GROUPS
    restriction.save()
    restriction.groups.set(member_area_groups())


def restrict_page(page):
    restriction = PageViewRestriction.objects.filter(page=page).first() or PageViewRestriction(
        page=page
    )
    restrict_to_member_groups(restriction)


def private_collection():
    """The Members collection (minutes, filled templates, drafts), restricted to members."""
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=PRIVATE_COLLECTION)
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection
    ).first() or CollectionViewRestriction(collection=collection)
    restrict_to_member_groups(restriction)
    return collection


def ensure_private_collection(**kwargs):
    """post_migrate: the Members collection exists and is restricted, on every database.
    A flushed database (tests) has no root collection yet: nothing to do there."""
    if Collection.get_first_root_node() is not None:
        private_collection()


def require_member(request):
    """Raise PermissionDenied unless the user may read the secure database.

    Anonymous visitors never get here: the page's view restriction sends them to the login.
    This check holds even if an editor removes that restriction.
    """
    if not can_use_members_area(request.user):
        raise PermissionDenied("The members area is open to IISG members only.")
