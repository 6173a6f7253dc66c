"""The members' pages render faster to the HTML Django and Wagtail would write (the userbar
only for those who may act on the page; the filter forms' fields kept while nothing they show
changed)."""

from unittest.mock import patch

import django_filters
import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from iisg_pages.members.rendering import FIELD, QuickSelects, filter_fields
from needs_snippets.filters import NeedFilterSet, ResponseFilterSet
from needs_snippets.models import Need, Pillar, Response
from tests.factories import PillarFactory


class Awkward(forms.Form):
    plain = forms.ChoiceField(
        choices=[("a&b", 'Tom & "Jerry" <3'), ("2", mark_safe("<b>safe</b>"))]  # noqa: S308
    )
    grouped = forms.ChoiceField(
        choices=[("", "None"), ("Fruit & veg", [("1", "Apple"), ("2", "Pear")]), ("3", "Other")],
        widget=forms.Select(attrs={"data-x": 'say "hi"', "disabled": True, "hidden": False}),
    )
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], required=False)
    number = forms.TypedChoiceField(choices=[(1, 1.5), (2, 2)], coerce=int)


def both_ways(form):
    plain = [str(field) for field in form]
    form.renderer = QuickSelects(form.renderer)
    return plain, [str(field) for field in form]


@pytest.mark.parametrize(
    "data", [{}, {"plain": "a&b", "grouped": "2", "several": ["1", "2"], "number": "2"}, {"x": 1}]
)
def test_quick_selects_write_what_django_writes(data):
    plain, quick = both_ways(Awkward(data or None))
    assert quick == plain


@pytest.mark.parametrize(
    ("filterset_class", "model", "query"),
    [
        (NeedFilterSet, Need, {}),
        (NeedFilterSet, Need, {"regional": "partner", "coverage": "gap", "status": "nonsense"}),
        (ResponseFilterSet, Response, {"iati_status": "2", "overlapping": "true"}),
    ],
)
def test_the_lists_filter_forms_render_the_same(area, filterset_class, model, query):
    request = RequestFactory().get("/", query)
    request.user = area["users"]["member_a"]
    filterset = filterset_class(request.GET, queryset=model.objects.all(), request=request)
    filterset.is_valid()
    plain, quick = both_ways(filterset.form)
    assert quick == plain
    assert any("<option" in html for html in quick)


def userbars(page, user):
    """(Wagtail's userbar, ours) on `page` for `user`."""
    request = RequestFactory().get(page.url)
    request.user = user
    context = Context({"request": request, "page": page})
    wagtail = Template("{% load wagtailuserbar %}{% wagtailuserbar %}").render(context)
    ours = Template("{% load userbar_tags %}{% userbar %}").render(context)
    return wagtail, ours


def test_a_member_who_may_do_nothing_to_the_page_has_no_userbar(area):
    member = area["users"]["member_a"]
    assert member.has_perm("wagtailadmin.access_admin")  # for their responses
    wagtail, ours = userbars(area["page"], member)
    assert "wagtail-userbar" in wagtail
    assert ours == ""


def test_an_editor_keeps_the_page_actions_in_the_userbar(area):
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    wagtail, ours = userbars(area["page"], admin)
    assert f"/admin/pages/{area['page'].pk}/edit/" in ours
    assert ours == wagtail


def test_no_userbar_for_a_board_member_without_a_task_on_the_page(area):
    wagtail, ours = userbars(area["page"], area["users"]["board"])
    assert "wagtail-userbar" in wagtail
    assert ours == ""


def test_no_userbar_for_a_reader_without_the_admin(area):
    reader = get_user_model().objects.create_user("reader", "reader@example.org", "x")
    assert userbars(area["page"], reader) == ("", "")


def test_the_needs_list_names_partners_from_their_links_as_partner_names_does(client, area):
    """Partners column: from the prefetched links (Kosovo* starred, name order), the same
    string as Need.partner_names, with no query per row."""
    from needs_snippets.models import NeedPartner
    from needs_snippets.reading import listed_needs, need_rows

    need = area["need"]
    NeedPartner.objects.create(need=need, partner=area["partners"]["XK"], location="Pristina")
    NeedPartner.objects.create(need=need, partner=area["partners"]["BA"], location="Mostar")
    user = area["users"]["member_a"]
    listed = listed_needs(need_rows(user)).get(pk=need.pk)
    assert listed.linked_partner_names == Need.objects.get(pk=need.pk).partner_names
    assert "Kosovo*" in listed.linked_partner_names
    client.force_login(user)
    page = client.get(area["page"].url + "needs/").content.decode()
    assert f"<td>{listed.linked_partner_names}</td>" in page


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_overlap_periods_read_as_the_date_filter_writes_them(language):
    from datetime import date

    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    from iisg_pages.members.views import MonthYear
    from needs_snippets.querysets import FAR_PAST

    month_year = MonthYear()
    with translation.override(language):
        for day in [FAR_PAST, date(2024, 2, 29), date(2024, 2, 1), date(2025, 12, 31)]:
            assert month_year(day) == date_filter(day, "M Y")


def test_a_workflow_in_progress_keeps_wagtails_own_userbar(area):
    """A reviewer of a task may edit a page in moderation without a page permission: with a
    workflow in progress on the page (or its parent), the userbar is Wagtail's in full."""
    from wagtail.models import Workflow, WorkflowState

    from iisg_pages.templatetags.userbar_tags import may_act_on

    page, member = area["page"], area["users"]["member_a"]
    assert not may_act_on(member, page)
    for subject in (page, page.get_parent()):
        state = WorkflowState.objects.create(
            content_type=subject.content_type,
            base_content_type=subject.get_base_content_type(),
            object_id=str(subject.pk),
            workflow=Workflow.objects.create(name=f"Review {subject.pk}"),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        member = type(member).objects.get(pk=member.pk)  # no cached permissions
        assert may_act_on(member, page)
        state.delete()


def filter_form_html(query, filterset_class=NeedFilterSet, model=Need):
    """(the kept fields' HTML, the fields rendered one by one) of a list's filter form."""
    request = RequestFactory().get("/", query)
    filterset = filterset_class(request.GET, queryset=model.objects.all(), request=request)
    filterset.form.renderer = QuickSelects(filterset.form.renderer)
    filterset.is_valid()
    fresh = "".join(render_to_string(FIELD, {"field": field}) for field in filterset.form)
    return filter_fields(filterset), fresh


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_filter_forms_fields_are_kept_per_values_and_listed_afresh_after_a_change():
    PillarFactory(code="WBCTi")
    first, fresh = filter_form_html({"status": "nonsense"})
    assert first == fresh and "WBCTi" in first and "nonsense" in first  # its error too
    with patch(
        "iisg_pages.members.rendering.render_to_string", wraps=render_to_string
    ) as rendering:
        assert filter_form_html({"status": "nonsense"})[0] == first  # kept: not rendered
        other = filter_form_html({"regional": "partner"})[0]
    assert rendering.call_count == 11  # only the fields of the other values, once each
    assert other != first
    PillarFactory(code="WBBSi")  # committed: a new version of the lists
    again, fresh = filter_form_html({"status": "nonsense"})
    assert again == fresh and "WBBSi" in again


class OwnList(NeedFilterSet):
    """A list of rows of its own, which might depend on who asks."""

    mine = django_filters.ModelChoiceFilter(queryset=Pillar.objects.all(), field_name="pillar")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_filter_form_with_a_list_of_its_own_is_never_kept():
    PillarFactory(code="WBCTi")
    with patch("cms.versions.read", return_value=1):  # as if the kept lists never changed
        filter_form_html({}, OwnList)
        PillarFactory(code="WBBSi")
        kept, fresh = filter_form_html({}, OwnList)
    assert kept == fresh and "WBBSi" in kept
