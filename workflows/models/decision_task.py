"""What every IISG moderation task answers the same way to Wagtail."""

from wagtail.models import TaskState

from ..forms import form_for


class DecisionTask:
    """Mixed in before Wagtail's `Task`: the task describes itself by its `description`,
    asks each action's comment with the form of `workflows.forms`, and lists what a user may
    moderate through `in_progress_states_where`."""

    description = ""

    @classmethod
    def get_description(cls):
        return cls.description

    def get_form_for_action(self, action):
        return form_for(action)

    def in_progress_states_where(self, expects_user):
        """The task's states under way for which `expects_user(state)` holds (their
        revisions loaded), as a queryset; few are under way at a time."""
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        expected = [
            state.pk for state in in_progress.select_related("revision") if expects_user(state)
        ]
        return in_progress.filter(pk__in=expected)


class LockedDuringDecision:
    """Mixed in before Wagtail's `Task`: nobody edits the content while it is being decided."""

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        return True
