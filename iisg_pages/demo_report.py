"""The demo's report: its body (report_body), and its adoption by running its real approval
workflow with the demo's people.

The Secretariat submits it; the demo reviewer of each Support Group approves; the holder of
each Board seat votes. Its history shows each step and vote, as for any edition.
"""

import json

from django.contrib.auth import get_user_model
from wagtail.models import TaskState, WorkflowState

from needs_snippets.demo.registries import USERS
from needs_snippets.models import BoardSeat
from needs_snippets.roles import SECRETARIAT, SUPPORT_GROUPS

from .demo_blocks import chapter, chart, key_figure, needs_table, paragraph
from .models import ReportPage

VOTE_COMMENT = "Demonstration vote, cast by load_demo."


def step_under_way(report):
    workflow_state = WorkflowState.objects.get(
        base_content_type=report.get_base_content_type(),
        object_id=str(report.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return workflow_state.current_task_state.specific


def demo_login(group_name):
    username = next(user[0] for user in USERS if user[3] == group_name)
    return get_user_model().objects.get(username=username)


def adopt_through_the_workflow(report):
    """Submit `report` (a draft) and take every decision its workflow asks for, with the demo's
    logins. Returns the report, live with the revision the seats adopted."""
    secretariat = demo_login(SECRETARIAT)
    report.save_revision(user=secretariat)
    report.get_workflow().start(report, secretariat)
    for group_name in SUPPORT_GROUPS.values():
        state = step_under_way(report)
        state.task.specific.on_action(
            state, demo_login(group_name), "approve", comment=VOTE_COMMENT
        )
    for seat in BoardSeat.objects.with_holders():
        state = step_under_way(report)
        if state.status != TaskState.STATUS_IN_PROGRESS:
            break
        state.task.specific.on_action(
            state, seat.active_holders().first(), "approve", comment=VOTE_COMMENT
        )
    return ReportPage.objects.get(pk=report.pk)


def ensure_adopted_report(reports_index, build):
    """The demo report under `reports_index`, built with `build()` and adopted through its
    workflow if missing. Returns (report, created)."""
    slug = "biennial-needs-mapping-2021-2022"
    existing = reports_index.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    report = build()
    report.slug = slug
    report.live = False
    reports_index.add_child(instance=report)
    return adopt_through_the_workflow(report), True


def report_body(pillars):
    methodology = [
        paragraph(
            "The needs mapping report is prepared by the IISG Secretariat with contributions "
            "from the IISG Support Group every two years. A cycle takes about six months, in "
            "four phases: preparatory/identification, formulation, approval by the Board, and "
            "input into the secure database.",
            "Needs are mapped along two axes, PREVENTION and RESPONSE (for WBCTi the four-part "
            "EU model: Anticipate, Prevent, Protect, Respond), in three areas: legislation and "
            "strategy; institutional set-up and tools; operational work, including capacity. "
            "Each need answers WHAT the state of play is, WHERE and WHICH the gap is, and WHAT "
            "needs to be done and WHEN.",
            "A need has a regional dimension when it is identified in at least three Western "
            "Balkans partners; otherwise it is listed as a need of the partners that "
            "identified it.",
        ),
    ]
    chapters = [
        chapter(
            "Introduction",
            [
                paragraph(
                    "This report maps the legislative, institutional and operational needs of "
                    "the Western Balkans to prevent and respond to security threats in the "
                    "three IISG pillars. It forms the basis for the work on identifying "
                    "responses by IISG members.",
                    "<b>This is a demonstration edition.</b> Its needs are illustrative "
                    "examples, marked so in their titles: they are not needs identified or "
                    "stated by the Western Balkans partners, and their sources are cited for "
                    "illustration only.",
                ),
                key_figure("needs", "In all, this edition lists {count} illustrative needs."),
                key_figure(
                    "regional",
                    "{count} of them are regional: identified in at least three partners.",
                ),
                chart("map_needs"),
                chart("needs_by_partner_axis"),
                chart("coverage_by_partner_pillar"),
            ],
        ),
        chapter("Methodology", [*methodology, chart("timeline")]),
    ]
    for pillar in pillars:
        chapters.append(
            chapter(
                f"{pillar.code}: {pillar.name}",
                [
                    paragraph(pillar.scope),
                    key_figure("regional", f"{{count}} regional needs in {pillar.code}.", pillar),
                    needs_table(f"Needs in {pillar.code}", pillar),
                ],
                pillar=pillar,
            )
        )
    chapters.append(
        chapter(
            "Regional needs across the pillars",
            [needs_table("Regional needs in all three pillars", regional_only=True)],
            kind="annex",
        )
    )
    return json.dumps(chapters)
