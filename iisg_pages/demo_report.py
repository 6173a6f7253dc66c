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


def _for_pillar(text, pillar):
    """`text` with the pillar's code and name for {code} and {name} ({count} stays)."""
    return text.replace("{code}", pillar.code).replace("{name}", pillar.name)


def report_body(texts, pillars):
    """The report's StreamField JSON from its texts (site_pages.json, "report_body"): the
    opening chapters, a chapter per pillar with its regional figure and needs table, and the
    annex of regional needs."""
    chapters = [
        chapter(
            opening["title"],
            [
                paragraph(*opening["paragraphs"]),
                *(key_figure(f["figure"], f["sentence"]) for f in opening["key_figures"]),
                *(chart(kind) for kind in opening["charts"]),
            ],
        )
        for opening in texts["chapters"]
    ]
    of_pillar = texts["pillar_chapter"]
    for pillar in pillars:
        chapters.append(
            chapter(
                _for_pillar(of_pillar["title"], pillar),
                [
                    paragraph(pillar.scope),
                    key_figure("regional", _for_pillar(of_pillar["key_figure"], pillar), pillar),
                    needs_table(_for_pillar(of_pillar["table_caption"], pillar), pillar),
                ],
                pillar=pillar,
            )
        )
    annex = texts["annex"]
    chapters.append(
        chapter(
            annex["title"], [needs_table(annex["table_caption"], regional_only=True)], kind="annex"
        )
    )
    return json.dumps(chapters)
