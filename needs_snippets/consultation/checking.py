"""Templates back in, first step: read a filled workbook and plan its changes, writing nothing.

Every row is checked before anything is written. The plan says which rows create, update or
leave unchanged an entry, and each error says its sheet, row, column and what to fix. A row
matches an existing entry by its code (needs) or number (responses), else by its title, so a
file imported twice plans no change the second time.
"""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from wagtail.models import Revision

from ..models import Need, Response
from .checking_needs import check_needs
from .checking_responses import check_responses
from .checking_reviews import check_review
from .plans import Plan
from .reading import TemplateRefused, open_template


def check(data, expected_cycle=None, progress=None, overwrite_conflicts=False):
    """The Plan of the template in `data` (XLSX bytes); nothing is written. A row whose entry
    changed in the database since the template was downloaded, and that would change it, is
    a conflict (left alone) unless `overwrite_conflicts`."""
    try:
        workbook, about, cycle = open_template(data, expected_cycle)
    except TemplateRefused as refused:
        return Plan(problems=refused.problems)
    plan = Plan(kind=about["kind"], cycle_id=cycle.pk, overwrite_conflicts=overwrite_conflicts)
    try:
        if plan.kind == "needs":
            check_needs(workbook, about, cycle, plan, progress)
        elif plan.kind == "review":
            check_review(workbook, about, cycle, plan, progress)
        else:
            check_responses(workbook, about, cycle, plan, progress)
    except TemplateRefused as refused:
        plan.problems = refused.problems
    finally:
        workbook.book.close()
    _explain_conflicts(plan)
    return plan


def _explain_conflicts(plan):
    """Say who changed each conflicting entry, and when, since the template was downloaded
    (a conflict whose row's version cannot be read already says so)."""
    conflicts = [c for c in plan.changes if c.action == "conflict" and not c.note]
    if not conflicts:
        return
    model = Need if plan.kind == "needs" else Response
    latest = dict(
        model.objects.filter(pk__in=[c.key for c in conflicts]).values_list(
            "pk", "latest_revision_id"
        )
    )
    revisions = Revision.objects.select_related("user").in_bulk(latest.values())
    for change in conflicts:
        revision = revisions.get(latest.get(change.key))
        who = (
            revision.user.get_full_name() or revision.user.get_username()
            if (revision and revision.user)
            else _("someone")
        )
        if revision:
            change.note = _(
                "Changed by %(who)s on %(when)s, after this template was downloaded: left as it "
                "is in the database."
            ) % {
                "who": who,
                "when": format_date(timezone.localtime(revision.created_at), "d M Y H:i"),
            }
        else:
            change.note = _(
                "Changed by %(who)s, after this template was downloaded: left as it is in the "
                "database."
            ) % {"who": who}
