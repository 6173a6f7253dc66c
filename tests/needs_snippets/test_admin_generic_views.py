"""Wagtail's generic admin views reach only what the user may see: the bulk delete page, the
snippet choosers, the registries' histories, a need's validations and the needs a response
may answer (each of them once named other organisations' private records to any admin user)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from cms.panels import ChildFormSet
from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.choosers import ScopedChooserMixin
from needs_snippets.models import (
    Area,
    FocalPoint,
    MappingCycle,
    MembershipApplication,
    Need,
    NeedReview,
    Response,
)
from tests import factories as f
from tests.access import client_for
from tests.admin_forms import inline_forms, opened_form
from tests.membership import apply

BRAVO_COMMENT = "Consistent with Bravo work"


def bulk_delete(model, *ids):
    url = reverse(
        "wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"]
    )
    return f"{url}?{urlencode([('id', value) for value in ids])}"


def bravo_validates(world):
    """Organisation B's validation of the world's need: the Secretariat's to read."""
    return NeedReview.objects.create(
        need=world["need"], member=world["org_b"], verdict="validated", comment=BRAVO_COMMENT
    )


def test_a_response_the_user_may_not_see_is_not_found_by_its_id(client, world):
    client = client_for(client, world, "member_b")
    page = client.get(bulk_delete(Response, world["a_restricted"].pk))
    assert page.status_code == 404
    assert world["a_restricted"].title not in page.content.decode()
    assert client.get(bulk_delete(Response, "not-an-id")).status_code == 404


def test_the_bulk_delete_page_refuses_a_user_without_permission_on_the_model(client, world):
    bravo_validates(world)
    client = client_for(client, world, "member_a")
    page = client.get(bulk_delete(NeedReview, "all"), follow=True)
    assert page.redirect_chain == [(reverse("wagtailadmin_home"), 302)]  # the admin's refusal
    assert "Sorry, you do not have permission to access this area." in page.content.decode()
    assert "Bravo" not in page.content.decode()


def test_the_secretariat_deletes_snippets_in_bulk(client, world):
    spare = [f.AreaFactory(code="spare-1"), f.AreaFactory(code="spare-2")]
    client = client_for(client, world, "secretariat")
    response = client.post(bulk_delete(Area, *(area.pk for area in spare)))
    assert response.status_code == 302
    assert not Area.objects.filter(code__startswith="spare").exists()


def test_every_snippet_chooser_chooses_among_what_the_user_may_see():
    for model in get_snippet_models():
        viewset = model.snippet_viewset.chooser_viewset
        for view_class in (
            viewset.choose_view_class,
            viewset.choose_results_view_class,
            viewset.chosen_view_class,
            viewset.chosen_multiple_view_class,
        ):
            assert issubclass(view_class, ScopedChooserMixin), (model, view_class)


@pytest.mark.parametrize("model", [NeedReview, MappingCycle])
def test_a_chooser_offers_nothing_to_a_user_without_permission_on_the_model(client, world, model):
    review = bravo_validates(world)
    chosen = review if model is NeedReview else world["cycle"]
    viewset = model.snippet_viewset.chooser_viewset
    results = reverse(viewset.get_url_name("choose_results"))
    chosen_url = reverse(viewset.get_url_name("chosen"), args=[chosen.pk])

    member = client_for(client.__class__(), world, "member_a")
    assert str(chosen) not in member.get(results).content.decode()
    assert member.get(chosen_url).status_code == 404

    secretariat = client_for(client, world, "secretariat")
    assert str(chosen) in secretariat.get(results).content.decode()
    assert secretariat.get(chosen_url).status_code == 200


def test_a_registrys_history_is_for_those_who_may_inspect_it(client, world):
    contact = FocalPoint.objects.get(user=world["users"]["member_b"])
    url = reverse("needs_snippets_focalpoint_modeladmin_history", args=[contact.pk])
    member = client_for(client.__class__(), world, "member_a")
    refused = member.get(url, follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert contact.name not in refused.content.decode()
    assert client_for(client, world, "secretariat").get(url).status_code == 200


def test_a_needs_validations_are_shown_to_the_secretariat_only(client, world):
    bravo_validates(world)
    url = reverse(Need.snippet_viewset.get_url_name("inspect"), args=[world["need"].pk])
    reviewer = client_for(client.__class__(), world, "reviewer").get(url)
    assert reviewer.status_code == 200
    assert world["need"].title in reviewer.content.decode()
    assert BRAVO_COMMENT not in reviewer.content.decode()
    assert BRAVO_COMMENT in client_for(client, world, "secretariat").get(url).content.decode()


def test_a_focal_point_cannot_link_its_response_to_an_unpublished_need(client, world):
    client = client_for(client, world, "member_a")
    response = world["a_open"]
    url = reverse(Response.snippet_viewset.get_url_name("edit"), args=[response.pk])
    data = opened_form(client, url)
    [link] = response.need_links.all()
    data.update(
        inline_forms(
            "need_links",
            [{"id": link.pk, "need": world["need"].pk}, {"id": "", "need": world["draft"].pk}],
            initial=1,
        )
    )
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Choose a published need: this one is not, or does not exist." in page.content.decode()
    assert list(response.needs.all()) == [world["need"]]
    assert world["draft"].title not in page.content.decode()

    data.update(inline_forms("need_links", [{"id": link.pk, "need": world["need"].pk}], 1))
    data["title"] = "Alpha open training, second round"
    assert client.post(url, data).status_code == 302  # a published need is fine
    response.refresh_from_db()
    assert response.title == "Alpha open training, second round"


def test_where_an_applications_workflow_stands_is_for_those_who_may_change_it(client, world):
    ensure_membership_workflows()
    application = apply(contacts={})
    assert application.current_workflow_state is not None
    viewset = MembershipApplication.snippet_viewset
    url = reverse(viewset.get_url_name("confirm_workflow_cancellation"), args=[application.pk])
    member = client_for(client.__class__(), world, "member_a")
    refused = member.get(url, follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    task = application.current_workflow_state.current_task_state.task.name
    assert task not in refused.content.decode()
    secretariat = client_for(client, world, "secretariat").get(url)
    assert secretariat.status_code == 200 and task in secretariat.json()["html"]


def test_every_snippet_forms_rows_are_read_by_our_formset():
    with_rows = 0
    for model in get_snippet_models():
        form_class = model.snippet_viewset.get_edit_handler().get_form_class()
        for name, formset_class in form_class.formsets.items():
            assert issubclass(formset_class, ChildFormSet), (model, name)
            with_rows += 1
    assert with_rows >= 5


def test_a_form_sent_back_with_a_value_that_is_no_id_says_so(client, world):
    client = client_for(client, world, "secretariat")
    need = world["need"]
    url = reverse(Need.snippet_viewset.get_url_name("edit"), args=[need.pk])
    data = opened_form(client, url)
    data.update({"measure": "abc", "partner_links-0-id": "abc", "title": "Renamed"})
    page = client.post(url, data)
    assert page.status_code == 200
    assert "The need could not be saved due to errors." in page.content.decode()
    need.refresh_from_db()
    assert need.title == "Financial investigations"
    added = client.post(reverse(Need.snippet_viewset.get_url_name("add")), {"measure": "1.5"})
    assert added.status_code == 200


@pytest.mark.parametrize("query", ["sort=", "foo=1", "joined__gte=abc"])
def test_a_registry_listing_with_a_filter_it_lacks_lists_everything_and_says_so(
    client, world, query
):
    client = client_for(client, world, "board")
    url = reverse("needs_snippets_member_modeladmin_index")
    page = client.get(f"{url}?{query}", follow=True)
    assert page.redirect_chain == [(url, 302)]
    content = page.content.decode()
    assert "This list cannot be filtered that way: here it is without filters." in content
    assert "Organisation A" in content and "Organisation B" in content


def test_a_registry_listing_with_a_value_no_row_has_lists_nothing(client, world):
    client = client_for(client, world, "board")
    url = reverse("needs_snippets_member_modeladmin_index")
    page = client.get(url, {"kind__exact": "x", "p": "zz"})
    assert page.status_code == 200
    assert "Organisation A" not in page.content.decode()


def test_addresses_and_rows_that_name_no_record_are_not_found_or_refused(client, world):
    client = client_for(client, world, "secretariat")
    for view in ("inspect", "edit", "delete", "history"):
        url = reverse(f"needs_snippets_member_modeladmin_{view}", args=["abc"])
        assert client.get(url).status_code == 404, view
    chooser = Need.snippet_viewset.chooser_viewset
    assert client.get(reverse(chooser.get_url_name("chosen"), args=["abc"])).status_code == 404
    chosen = client.get(reverse(chooser.get_url_name("chosen_multiple")), {"id": "abc"})
    assert chosen.status_code == 200 and chosen.json()["result"] == []
    need = world["need"]
    url = reverse(Need.snippet_viewset.get_url_name("edit"), args=[need.pk])
    data = opened_form(client, url)
    del data["partner_links-0-id"]
    page = client.post(url, {**data, "title": "Renamed"})
    assert page.status_code == 200
    assert "The need could not be saved due to errors." in page.content.decode()
