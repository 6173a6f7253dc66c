"""The site's pages are the Secretariat's to publish: no workflow on the root page (Wagtail's
default one named a group that no longer exists, so what was submitted to it waited for a
superuser); the reports keep their approval workflow, and needs go to their Support Group's
review."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from iisg_pages.workflow_setup import ensure_need_workflow, ensure_report_workflow
from needs_snippets.models import Need
from needs_snippets.roles import SECRETARIAT
from tests.admin_forms import opened_form
from tests.factories import UserFactory

migration = import_module("iisg_pages.migrations.0020_site_pages_without_wagtails_default_workflow")


def root_workflow(name="Moderators approval"):
    """A workflow on the root page whose group-approval task names no group, as 0018 left
    Wagtail's default one."""
    workflow = Workflow.objects.create(name=name)
    task = GroupApprovalTask.objects.create(name=name)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=workflow)
    return workflow, task


def test_the_site_pages_have_no_workflow_and_reports_keep_theirs(site_tree):
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    ensure_report_workflow(site_tree["reports"])
    assert site_tree["about"].get_workflow() is None
    assert site_tree["news"].get_workflow() is None
    assert site_tree["report"].get_workflow().name == "Biennial report approval"


def test_the_secretariat_publishes_a_page_without_submitting_it(secretariat_client, site_tree):
    page = secretariat_client.get(reverse("wagtailadmin_pages:edit", args=[site_tree["about"].pk]))
    html = page.content.decode()
    assert 'name="action-publish"' in html
    assert "Submit to" not in html and 'name="action-submit"' not in html


def test_submitting_a_page_that_has_no_workflow_saves_a_draft(secretariat_client, site_tree):
    """A hand-made POST of "Submit" where no workflow applies is a draft, not a 500."""
    url = reverse("wagtailadmin_pages:edit", args=[site_tree["about"].pk])
    data = {
        **opened_form(secretariat_client, url),
        **nested_form_data({"body": streamfield([])}),  # drawn by the browser's script
        "title": "About the IISG",
        "action-submit": "1",
    }
    response = secretariat_client.post(url, data)
    assert response.status_code == 302
    about = Page.objects.get(pk=site_tree["about"].pk)
    assert about.title == "About IISG" and about.get_latest_revision().content["title"] == (
        "About the IISG"
    )
    assert not WorkflowState.objects.exists()


def test_a_root_workflow_with_nothing_in_progress_is_deactivated(db):
    workflow, task = root_workflow()
    migration.unassign_root_workflows(apps, None)
    workflow.refresh_from_db()
    assert not workflow.active and not WorkflowPage.objects.filter(workflow=workflow).exists()
    assert list(task.groups.values_list("name", flat=True)) == [SECRETARIAT]


def test_what_is_in_progress_in_a_root_workflow_can_be_decided_by_the_secretariat(site_tree):
    workflow, task = root_workflow()
    state = workflow.start(site_tree["about"], UserFactory(groups=[SECRETARIAT]))
    migration.unassign_root_workflows(apps, None)
    workflow.refresh_from_db()
    assert workflow.active and WorkflowState.objects.get(pk=state.pk).status == "in_progress"
    secretariat = Group.objects.get(name=SECRETARIAT)
    assert list(task.groups.all()) == [secretariat]
    assert site_tree["about"].get_workflow() is None  # nothing new is submitted to it


def test_a_need_is_offered_to_its_support_groups_review(secretariat_client, site_tree):
    """The set-up gives needs the Support Groups' review once; a workflow the Secretariat
    assigned to needs instead is kept."""
    workflow = ensure_need_workflow()
    assert ensure_need_workflow() == workflow and workflow.name == "Need review"
    need = site_tree["needs"]["returnees"]
    assert need.get_workflow() == workflow
    edit = reverse(Need.snippet_viewset.get_url_name("edit"), args=[need.pk])
    assert "Submit to Need review" in secretariat_client.get(edit).content.decode()

    chosen = Workflow.objects.create(name="The Secretariat's own")
    workflow.workflow_content_types.update(workflow=chosen)
    assert ensure_need_workflow() == chosen
