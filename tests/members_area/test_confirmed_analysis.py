"""Gaps, overlaps and coverage counting only the responses the partner confirmed: a need a
response claims but its partner has not confirmed is still a gap."""

import pytest

from needs_snippets.filters import AnalysisFilterSet
from needs_snippets.models import Need, NeedPartner, Response, ResponseConfirmation
from needs_snippets.permissions import all_visible_responses
from needs_snippets.querysets import confirmed_only

pytestmark = pytest.mark.django_db


def confirm(world, key, partner):
    return ResponseConfirmation.objects.create(
        response=world[key], need=world["need"], partner=world["partners"][partner],
        verdict="confirmed",
    )  # fmt: skip


def test_a_claimed_need_is_a_gap_until_the_partner_confirms_it(area):
    responses = Response.objects.all()
    needs = Need.objects.filter(pk=area["need"].pk)
    assert not needs.gaps(responses).exists()
    assert needs.gaps(confirmed_only(responses)).exists()
    confirm(area, "a_open", "AL")
    links = NeedPartner.objects.gaps(confirmed_only(responses))
    assert [link.partner.country_code for link in links.filter(need=area["need"])] == ["RS"]
    confirm(area, "b_open", "RS")
    assert not needs.gaps(confirmed_only(responses)).exists()


def test_a_dispute_is_not_a_confirmation(area):
    ResponseConfirmation.objects.create(
        response=area["a_open"], need=area["need"], partner=area["partners"]["AL"],
        verdict="disputed", reason="Not in Albania.",
    )  # fmt: skip
    links = NeedPartner.objects.gaps(confirmed_only(Response.objects.all()))
    assert "AL" in [link.partner.country_code for link in links]


def test_overlaps_count_pairs_the_partner_confirmed_on_both_sides(area):
    needs = Need.objects.filter(pk=area["need"].pk)
    everything = Response.objects.all()
    assert needs.overlapped(everything).exists()
    assert not needs.overlapped(confirmed_only(everything)).exists()
    confirm(area, "a_open", "AL")
    assert not needs.overlapped(confirmed_only(everything)).exists()
    confirm(area, "b_open", "AL")
    assert needs.overlapped(confirmed_only(everything)).exists()


def test_the_members_pages_count_confirmed_only_when_asked(client, area):
    client.force_login(area["users"]["member_a"])
    gaps = area["page"].url + "analysis/gaps/"
    assert "WBCSCi-PRV-OPE-01" not in client.get(gaps).content.decode()
    assert "WBCSCi-PRV-OPE-01" in client.get(gaps, {"count": "confirmed"}).content.decode()
    assert client.get(gaps, {"count": "maybe"}).status_code == 400
    confirm(area, "a_open", "AL")
    coverage = client.get(area["page"].url + "analysis/coverage/").content.decode()
    assert "✓ 1 confirmed" in coverage  # Albania's cell
    assert "✓ 0 confirmed" in coverage  # Serbia's
    overlaps = area["page"].url + "analysis/overlaps/"
    assert "WBCSCi-PRV-OPE-01" in client.get(overlaps).content.decode()
    assert "WBCSCi-PRV-OPE-01" not in client.get(overlaps, {"count": "confirmed"}).content.decode()


@pytest.mark.parametrize("role", ["member_a", "member_b", "secretariat"])
def test_the_summaries_and_the_source_tables_agree_on_confirmed_coverage(area, role):
    confirm(area, "a_open", "AL")
    confirm(area, "b_restricted", "RS")
    user = area["users"][role]
    summarised = confirmed_only(all_visible_responses(user))
    live = confirmed_only(
        Response.objects.filter(pk__in=list(summarised.values_list("pk", flat=True)))
    )
    assert getattr(live, "summary_scope", None) is None  # the source tables' path
    gaps = {(link.need_id, link.partner_id) for link in NeedPartner.objects.gaps(summarised)}
    assert gaps == {(link.need_id, link.partner_id) for link in NeedPartner.objects.gaps(live)}
    needs = Need.objects.filter(live=True)
    assert needs.coverage_matrix(summarised).cells == needs.coverage_matrix(live).cells


def test_the_coverage_filter_counts_as_the_page_does(area, rf):
    request = rf.get("/")
    request.user = area["users"]["member_a"]
    needs = Need.objects.filter(live=True)
    claimed = AnalysisFilterSet({"coverage": "gap"}, queryset=needs, request=request)
    confirmed = AnalysisFilterSet(
        {"coverage": "gap", "count": "confirmed"}, queryset=needs, request=request
    )
    assert area["need"] not in claimed.qs and area["need"] in confirmed.qs
