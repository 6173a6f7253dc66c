"""A mapping cycle's calendar as iCalendar (RFC 5545): its phases and its meetings.

Calendar applications subscribe without signing in, so the address carries a signed token
(`calendar_token`): only those the Secretariat gives it to can read it, and no guessing of
cycle numbers. It holds phase dates and meeting titles, dates and places; never the meetings'
summaries.
"""

from datetime import timedelta

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ..models import MappingCycle

PRODUCT = "-//IISG Hub//Mapping cycle calendar//EN"
SALT = "iisg.cycle-calendar"


def calendar_token(cycle):
    """The token in the address of `cycle`'s calendar."""
    return signing.dumps(cycle.pk, salt=SALT)


def _event(uid, summary, start, end, description="", location=""):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))  # all-day events end the day after
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


def _day(day):
    """A date as the calendar's descriptions write it: 05 March 2025."""
    return format_date(day, "d F Y")


def cycle_calendar(cycle, domain):
    """The iCalendar of `cycle`: each phase as planned (and as it happened), each meeting."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"IISG {cycle}")
    for phase in cycle.phases.all():
        start = phase.actual_start or phase.planned_start
        end = max(phase.actual_end or phase.planned_end, start)
        description = _("Planned %(start)s to %(end)s.") % {
            "start": _day(phase.planned_start),
            "end": _day(phase.planned_end),
        }
        if phase.actual_start and phase.actual_end:
            description += " " + _("Started %(start)s, ended %(end)s.") % {
                "start": _day(phase.actual_start),
                "end": _day(phase.actual_end),
            }
        elif phase.actual_start:
            description += " " + _("Started %(start)s.") % {"start": _day(phase.actual_start)}
        calendar.add_component(_event(
            f"cycle-{cycle.pk}-phase-{phase.phase}@{domain}",
            f"{cycle.edition}: {phase.get_phase_display()}",
            start,
            end,
            description,
        ))  # fmt: skip
    for meeting in cycle.meetings.select_related("pillar"):
        calendar.add_component(_event(
            f"meeting-{meeting.pk}@{domain}",
            meeting.title,
            meeting.start_date,
            meeting.end_date or meeting.start_date,
            meeting.get_kind_display(),
            meeting.place,
        ))  # fmt: skip
    return calendar.to_ical()


def cycle_calendar_view(request, token):
    try:
        cycle_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404 from None
    cycle = get_object_or_404(MappingCycle.objects.prefetch_related("phases"), pk=cycle_id)
    response = HttpResponse(
        cycle_calendar(cycle, request.get_host().split(":")[0]), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'inline; filename="iisg-cycle-{cycle.pk}.ics"'
    return response
