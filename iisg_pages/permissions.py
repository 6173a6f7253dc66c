"""Page permissions particular to the IISG site."""

from wagtail.models import PagePermissionTester


class ApprovalOnlyPermissionTester(PagePermissionTester):
    """Nobody publishes this page directly: its approval workflow does (the Board decides)."""

    def can_publish(self):
        return False
