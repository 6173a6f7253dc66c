"""The decision page: what is decided (the revision), who has decided it (per seat or group),
and what the person reading may do; its printable record; the revision as voted on."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from .forms import CommentForm, MeetingDecisionForm
from .outcomes import go_live_warning, outcome_message


def content_of(task_state):
    obj = task_state.workflow_state.content_object
    return getattr(obj, "specific", obj)


def user_may_edit(user, obj):
    tester = getattr(obj, "permissions_for_user", None)
    if tester is not None:
        return tester(user).can_edit()
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def can_view(user, task, task_state, obj):
    """Who may read a decision: the people expected to take it, the Secretariat that
    records it, the content's editors, and whoever cast a ballot in it."""
    return (
        user.is_superuser
        or task.is_actor(task_state, user)
        or getattr(task, "is_recorder", lambda u: False)(user)
        or user_may_edit(user, obj)
        or task_state.ballots.filter(user=user).exists()
    )


class Refused(Exception):
    """The reader takes no part in this decision."""


def refused(request):
    return TemplateResponse(request, "workflows/refused.html", status=403)


def load(request, task_state_id):
    task_state = get_object_or_404(
        TaskState.objects.select_related("revision", "workflow_state", "task"), pk=task_state_id
    ).specific
    task = task_state.task.specific
    obj = content_of(task_state)
    if not can_view(request.user, task, task_state, obj):
        raise Refused
    return task_state, task, obj


def decision_context(task_state, task, obj):
    workflow_state = task_state.workflow_state
    return {
        "task_state": task_state,
        "task": task,
        "object": obj,
        "rows": task.decision_rows(task_state),
        "ballots": task_state.ballots.select_related("user", "minutes"),
        "workflow_state": workflow_state,
        "history": workflow_state.task_states.select_related("task", "revision").order_by(
            "started_at", "pk"
        ),
        "go_live_warning": go_live_warning(task_state.revision),
        "decided_by_seats": getattr(task, "decides_by_seats", False),
        "page_title": _("Decision"),
        "header_title": _("Decision: %(title)s") % {"title": obj},
        "header_icon": "tasks",
    }


def refuses_outsiders(view):
    """A person outside the decision gets a 403 page that says so."""

    def wrapped(request, task_state_id):
        try:
            return view(request, task_state_id)
        except Refused:
            return refused(request)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@refuses_outsiders
def decision(request, task_state_id):
    """The decision page; a POST takes one of the reader's actions on it."""
    task_state, task, obj = load(request, task_state_id)
    in_progress = task_state.status == TaskState.STATUS_IN_PROGRESS
    actions = task.get_actions(obj, request.user) if in_progress else []
    buttons = {}
    for name, label, _modal in actions:
        buttons.setdefault(name, label)
    form = CommentForm()
    if request.method == "POST":
        submitted = request.POST.get("action")
        if submitted not in buttons:
            messages.error(request, _("That action is no longer open to you on this decision."))
            return redirect("workflows:decision", task_state.pk)
        form = task.get_form_for_action(submitted)(request.POST)
        if form.is_valid():
            try:
                task.on_action(task_state, request.user, submitted, **form.cleaned_data)
            except PermissionDenied as refusal:
                messages.error(request, str(refusal))
            return redirect("workflows:decision", task_state.pk)
    meeting_form = None
    if in_progress and getattr(task, "is_recorder", lambda u: False)(request.user):
        meeting_form = MeetingDecisionForm(rows=task.decision_rows(task_state))
    context = decision_context(task_state, task, obj)
    context.update({"buttons": buttons.items(), "form": form, "meeting_form": meeting_form})
    if task_state.ballots.filter(user=request.user).exists():
        context["your_outcome"] = outcome_message(task_state, request.user)
    return TemplateResponse(request, "workflows/decision.html", context)


@refuses_outsiders
def record_meeting(request, task_state_id):
    """The Secretariat records a decision the seats present took at a Board meeting."""
    task_state, task, obj = load(request, task_state_id)
    if request.method != "POST" or not getattr(task, "is_recorder", lambda u: False)(request.user):
        return refused(request)
    form = MeetingDecisionForm(request.POST, rows=task.decision_rows(task_state))
    if not form.is_valid():
        context = decision_context(task_state, task, obj)
        context.update({"buttons": [], "form": None, "meeting_form": form})
        return TemplateResponse(request, "workflows/decision.html", context, status=400)
    data = form.cleaned_data
    try:
        present = task.record_meeting_decision(
            task_state,
            request.user,
            data["seats"],
            data["decision"],
            data["meeting"],
            minutes=data["minutes"],
            comment=data["comment"],
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Recorded for %(seats)s at %(meeting)s.")
            % {"seats": ", ".join(str(s) for s in present), "meeting": data["meeting"]},
        )
    return redirect("workflows:decision", task_state.pk)


@refuses_outsiders
def record(request, task_state_id):
    """The printable record of a decision: seats, holders, revision, times, comments."""
    task_state, task, obj = load(request, task_state_id)
    return TemplateResponse(
        request, "workflows/decision_record.html", decision_context(task_state, task, obj)
    )


@refuses_outsiders
def revision(request, task_state_id):
    """The content exactly as the revision under decision holds it, with its frozen figures."""
    task_state, task, obj = load(request, task_state_id)
    content = task_state.revision.as_object()
    return content.make_preview_request(
        request,
        content.default_preview_mode,
        extra_request_attrs={"revision_id": task_state.revision_id, "frozen_preview": True},
    )
