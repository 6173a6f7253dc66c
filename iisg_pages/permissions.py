"""Page permissions particular to the IISG site."""

from django.utils.functional import cached_property
from wagtail.models import PagePermissionTester


class ApprovalOnlyPermissionTester(PagePermissionTester):
    """Nobody publishes this page directly: its approval workflow does (the Board decides).

    Once the Board has adopted it (`page.is_adopted`), nobody unpublishes, deletes or moves it
    either, superusers included, so the admin shows no such buttons; a superuser's emergency
    unpublication has its own view (iisg_pages/adoption_views.py).
    """

    @cached_property
    def page_is_adopted(self):
        return bool(getattr(self.page, "is_adopted", False))

    def can_publish(self):
        return False

    def can_unpublish(self):
        return not self.page_is_adopted and super().can_unpublish()

    def can_delete(self, ignore_bulk=False):
        return not self.page_is_adopted and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self.page_is_adopted and super().can_move()

    def can_move_to(self, destination):
        return not self.page_is_adopted and super().can_move_to(destination)


class TranslationPermissionTester(PagePermissionTester):
    """A report's translation: published by whoever may publish pages there (the Secretariat),
    without a Board vote, and only while the English edition it translates is adopted and
    live (ReportPage.original_is_adopted_and_live)."""

    def can_publish(self):
        return self.page.original_is_adopted_and_live and super().can_publish()
