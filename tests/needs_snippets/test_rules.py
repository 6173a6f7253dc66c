"""Domain rules of the secure database, and the error each broken rule gives."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.admin.panels import get_edit_handler

from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.models import (
    Axis,
    CyclePhase,
    MappingCycle,
    Member,
    MemberKind,
    Need,
    NeedPartner,
    Response,
    ResponseBeneficiary,
)
from tests import factories as f
from tests.markers import postgres_only

pytestmark = pytest.mark.django_db


def messages(error):
    return " ".join(message for messages in error.message_dict.values() for message in messages)


class TestRegional:
    def test_need_in_two_partners_is_not_regional_in_three_it_is(self):
        p = f.wb_partners()
        two = f.NeedFactory(partners=[p["AL"], p["RS"]])
        three = f.NeedFactory(partners=[p["AL"], p["RS"], p["XK"]])

        assert list(Need.objects.regional()) == [three]
        assert list(Need.objects.partner_specific()) == [two]

    def test_threshold_setting_changes_what_is_regional(self, settings):
        p = f.wb_partners()
        two = f.NeedFactory(partners=[p["AL"], p["RS"]])
        three = f.NeedFactory(partners=[p["AL"], p["RS"], p["XK"]])

        settings.IISG_REGIONAL_THRESHOLD = 2
        assert set(Need.objects.regional()) == {two, three}
        settings.IISG_REGIONAL_THRESHOLD = 4
        assert list(Need.objects.regional()) == []

    def test_is_regional_agrees_with_the_query(self):
        p = f.wb_partners()
        need = f.NeedFactory(partners=[p["AL"], p["RS"], p["ME"]])
        assert need.is_regional
        assert Need.objects.with_partner_count().get(pk=need.pk).partner_count == 3

    def test_filter_by_partner_returns_each_need_once(self):
        p = f.wb_partners()
        need = f.NeedFactory(partners=[p["AL"], p["RS"], p["ME"]])
        f.NeedFactory(partners=[p["ME"]])
        assert list(Need.objects.for_partner(p["AL"])) == [need]
        assert Need.objects.for_partner(p["ME"]).count() == 2


class TestKosovoDesignation:
    def test_kosovo_is_always_starred(self):
        kosovo = f.wb_partners()["XK"]
        assert str(kosovo) == "Kosovo*"
        assert kosovo.has_designation_footnote
        assert "UNSCR 1244/1999" in str(KOSOVO_FOOTNOTE)

    def test_need_lists_partners_with_the_star(self):
        p = f.wb_partners()
        need = f.NeedFactory(partners=[p["XK"], p["AL"]])
        assert need.partner_names == "Albania, Kosovo*"


class TestNeedRules:
    def test_reference_code_is_unique_within_a_cycle(self):
        f.NeedFactory(reference_code="WBCTi-PRE-LEG-01")
        duplicate = f.NeedFactory.build(reference_code="WBCTi-PRE-LEG-01")
        duplicate.cycle = MappingCycle.objects.get()
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()
        assert "already has this reference code" in messages(error.value)

    def test_same_reference_code_in_another_cycle_is_fine(self):
        f.NeedFactory(reference_code="WBCTi-PRE-LEG-01")
        other_cycle = f.MappingCycleFactory(edition="2023–2024")
        f.NeedFactory(reference_code="WBCTi-PRE-LEG-01", cycle=other_cycle).full_clean()

    def test_database_refuses_duplicate_reference_code(self):
        need = f.NeedFactory(reference_code="X-1")
        with pytest.raises(IntegrityError), transaction.atomic():
            f.NeedFactory(reference_code="X-1", cycle=need.cycle, pillar=need.pillar)

    def test_axis_must_belong_to_the_pillar(self):
        need = f.NeedFactory()
        need.axis = f.AxisFactory(pillar=f.PillarFactory(code="WBCTi"), name="Anticipate")
        with pytest.raises(ValidationError) as error:
            need.full_clean()
        assert error.value.message_dict["axis"] == [
            "The axis “Anticipate” belongs to another pillar: choose an axis of WBCSCi, "
            "or change the pillar."
        ]

    @postgres_only()
    def test_database_refuses_axis_of_another_pillar(self):
        need = f.NeedFactory()
        foreign_axis = f.AxisFactory(pillar=f.PillarFactory(code="WBCTi"), name="Anticipate")
        with pytest.raises(IntegrityError), transaction.atomic():
            Need.objects.filter(pk=need.pk).update(axis=foreign_axis)

    def test_an_axis_with_needs_cannot_move_to_another_pillar_in_a_form(self):
        need = f.NeedFactory()
        axis = need.axis
        axis.pillar = f.PillarFactory(code="WBBSi")
        with pytest.raises(ValidationError) as error:
            axis.full_clean()
        assert "create a new axis for the other pillar" in error.value.message_dict["pillar"][0]

    @postgres_only()
    def test_database_refuses_moving_an_axis_that_needs_use_to_another_pillar(self):
        need = f.NeedFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Axis.objects.filter(pk=need.axis_id).update(pillar=f.PillarFactory(code="WBBSi"))


class TestPartnerLinks:
    def test_partner_choices_in_the_admin_form_are_wb_partners_only(self):
        f.wb_partners()
        f.MemberFactory(name="UNODC")
        form_class = get_edit_handler(Need).get_form_class()
        form = form_class(for_user=f.UserFactory())
        partner_field = form.formsets["partner_links"].empty_form.fields["partner"]
        assert [str(m) for m in partner_field.queryset] == [
            "Albania",
            "Bosnia and Herzegovina",
            "Kosovo*",
            "Montenegro",
            "North Macedonia",
            "Serbia",
        ]

    @postgres_only()
    def test_database_refuses_a_need_partner_that_is_not_a_wb_partner(self):
        need = f.NeedFactory()
        unodc = f.MemberFactory(name="UNODC")
        with pytest.raises(IntegrityError), transaction.atomic():
            NeedPartner.objects.create(need=need, partner=unodc)

    @postgres_only()
    def test_database_refuses_a_beneficiary_that_is_not_a_wb_partner(self):
        response = f.ResponseFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            ResponseBeneficiary.objects.create(response=response, partner=f.MemberFactory())

    @postgres_only()
    def test_a_partner_with_needs_cannot_stop_being_a_wb_partner(self):
        albania = f.wb_partners()["AL"]
        f.NeedFactory(partners=[albania])
        with pytest.raises(IntegrityError), transaction.atomic():
            Member.objects.filter(pk=albania.pk).update(
                kind=MemberKind.OTHER_STATE, country_code=None
            )

    def test_a_partner_with_needs_cannot_change_kind_in_a_form(self):
        albania = f.wb_partners()["AL"]
        f.NeedFactory(partners=[albania])
        albania.kind, albania.country_code = MemberKind.OTHER_STATE, None
        with pytest.raises(ValidationError) as error:
            albania.full_clean()
        assert error.value.message_dict["kind"] == [
            "Albania identified 1 needs and benefits from 0 responses as a Western Balkans "
            "partner: remove those links before changing its kind."
        ]

    def test_wb_partner_needs_a_country_code(self):
        member = Member(name="Montenegro", kind=MemberKind.WB_PARTNER)
        with pytest.raises(ValidationError) as error:
            member.full_clean()
        assert "needs its two-letter country code" in messages(error.value)

    def test_other_members_have_no_country_code(self):
        member = Member(name="UNODC", kind=MemberKind.INTERNATIONAL_ORGANISATION, country_code="UN")
        with pytest.raises(ValidationError):
            member.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            member.save()


class TestDates:
    def test_response_planned_end_not_before_start(self):
        response = f.ResponseFactory.build(
            reporting_member=f.MemberFactory(),
            pillar=f.PillarFactory(),
            planned_start=date(2022, 6, 1),
            planned_end=date(2022, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            response.full_clean()
        assert "The planned end is before the planned start" in messages(error.value)

    def test_database_refuses_actual_end_before_start(self):
        response = f.ResponseFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Response.objects.filter(pk=response.pk).update(
                actual_start=date(2022, 6, 1), actual_end=date(2022, 5, 31)
            )

    def test_cycle_period_and_phase_dates(self):
        cycle = MappingCycle(
            edition="2023–2024", period_start=date(2024, 1, 1), period_end=date(2023, 1, 1)
        )
        with pytest.raises(ValidationError) as error:
            cycle.full_clean()
        assert "The period cannot end before it starts" in messages(error.value)

        phase = CyclePhase(
            cycle=f.MappingCycleFactory(),
            phase=CyclePhase.Phase.FORMULATION,
            planned_start=date(2021, 6, 1),
            planned_end=date(2021, 3, 1),
        )
        with pytest.raises(ValidationError) as error:
            phase.full_clean()
        assert "cannot be planned to end before it starts" in messages(error.value)


class TestBudget:
    def build(self, **kwargs):
        return f.ResponseFactory.build(
            reporting_member=f.MemberFactory(), pillar=f.PillarFactory(), **kwargs
        )

    @pytest.mark.parametrize(
        "budget, checked_currency, message, saved_currency",
        [
            pytest.param("-1", "EUR", "cannot be negative", "EUR", id="negative budget"),
            pytest.param(
                "1000", "", "A budget needs its currency", "EUX", id="no ISO 4217 currency"
            ),
        ],
    )
    def test_a_bad_budget_is_refused_by_the_rules_and_the_database(
        self, budget, checked_currency, message, saved_currency
    ):
        with pytest.raises(ValidationError) as error:
            self.build(budget=Decimal(budget), currency=checked_currency).full_clean()
        assert message in messages(error.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            self.build(budget=Decimal(budget), currency=saved_currency).save()

    def test_valid_budget(self):
        self.build(budget=Decimal("250000.00"), currency="USD").full_clean()
