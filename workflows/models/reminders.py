"""Reminding the people expected on a decision that is still under way."""

from ..notifications import notify


def remind(state, people, subject, closing, **values):
    """E-mail `people` about the decision of task state `state`, each in their language.
    `subject` and `closing` are lazy translations formatted with `values` and `title` (the
    content's title); the body is the task's `action_needed` followed by `closing`."""
    task = state.task.specific
    values = {"title": str(state.revision.as_object()), **values}

    def compose():
        body = "\n\n".join([str(task.action_needed(state)), str(closing) % values])
        return str(subject) % values, body

    notify(state, people, compose)
