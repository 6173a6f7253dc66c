"""Build the demo secure database. Idempotent: what exists already is left as it is."""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from ..iati.imports import import_file
from ..models import (
    Area,
    Axis,
    BoardSeat,
    BoardSeatHolder,
    CyclePhase,
    FocalPoint,
    MappingCycle,
    Measure,
    Meeting,
    Member,
    Need,
    NeedOutcome,
    NeedOutcomeResponse,
    NeedPartner,
    NeedReview,
    Objective,
    Pillar,
    PillarRole,
    Response,
    ResponseConfirmation,
    ResponseNeed,
    ResponseParticipant,
    SecretariatHost,
    StrategicDocument,
    carry_over_hierarchy,
)
from ..roles import BOARD, SUPPORT_GROUPS
from . import catalogue, registries


def _copied(data, *keys):
    """The `keys` of a data file's row as they are, for the model fields of the same names."""
    return {key: data[key] for key in keys}


#: The dates of a cycle's phase in the data files, in their order there.
PHASE_DATES = ("planned_start", "planned_end", "actual_start", "actual_end")


class DemoLoader:
    """Creates whatever of the demo secure database is missing; `created` counts it."""

    def __init__(self):
        self.created = {}

    def _count(self, name, was_created):
        if was_created:
            self.created[name] = self.created.get(name, 0) + 1

    @transaction.atomic
    def load(self):
        # Read and check the data files first: an invalid row stops the load before any write.
        self.catalogue = catalogue.load()
        self.load_registries()
        self.needs_cycle = self.load_cycle(registries.NEEDS_CYCLE)
        self.load_cycle(registries.RESPONSES_CYCLE)
        self.documents = self.load_documents()
        self.load_meetings()
        self.needs = self.load_needs()
        self.load_responses()
        self.load_users()
        self.load_validations()
        self.load_confirmations()
        self.load_board_seats()
        self.load_next_edition()
        self.load_iati_candidates()
        return self.created

    def load_registries(self):
        """Members, pillars with their axes, and areas: what any data set stands on."""
        self.members = self.load_members()
        self.partners = {m.country_code: m for m in self.members.values() if m.country_code}
        self.pillars, self.axes = self.load_pillars()
        self.load_support_groups()
        self.areas = self.load_areas()
        return self

    def load_members(self):
        members = {}
        for name, short_name, kind, country_code, joined in registries.MEMBERS:
            member, created = Member.objects.get_or_create(
                name=name,
                defaults={
                    "short_name": short_name,
                    "kind": kind,
                    "country_code": country_code,
                    "joined": joined,
                },
            )
            self._count("member organisations", created)
            members[short_name] = member
        return members

    def load_pillars(self):
        pillars, axes = {}, {}
        for order, data in enumerate(registries.PILLARS, start=1):
            group = Group.objects.get(name=SUPPORT_GROUPS[data["code"]])
            pillar, created = Pillar.objects.get_or_create(
                code=data["code"],
                defaults={
                    "name": data["name"],
                    "scope": data["scope"],
                    "support_group": group,
                    "sort_order": order,
                },
            )
            self._count("pillars", created)
            pillars[pillar.code] = pillar
            for axis_order, axis_name in enumerate(data["axes"], start=1):
                axis, created = Axis.objects.get_or_create(
                    pillar=pillar, name=axis_name, defaults={"sort_order": axis_order}
                )
                self._count("axes", created)
                axes[(pillar.code, axis_name)] = axis
        return pillars, axes

    def load_support_groups(self):
        """The pillars' lead and co-lead partners and the Secretariat's host, from the seeds
        (data file). Saving them records the host as a member automatically."""
        data = json.loads(registries.SUPPORT_GROUPS_FILE.read_text(encoding="utf-8"))

        def day(value):
            return date.fromisoformat(value) if value else None

        for row in data["pillar_roles"]:
            _role, created = PillarRole.objects.get_or_create(
                pillar=self.pillars[row["pillar"]],
                member=self.members[row["member"]],
                role=row["role"],
                start=day(row["start"]),
                defaults={"end": day(row["end"])},
            )
            self._count("pillar roles", created)
        for row in data["secretariat_hosts"]:
            _host, created = SecretariatHost.objects.get_or_create(
                member=self.members[row["member"]],
                start=day(row["start"]),
                defaults={"end": day(row["end"]), "decision": row["decision"]},
            )
            self._count("Secretariat hosts", created)

    def load_areas(self):
        areas = {}
        for order, (code, name) in enumerate(registries.AREAS, start=1):
            area, created = Area.objects.get_or_create(
                code=code, defaults={"name": name, "sort_order": order}
            )
            self._count("areas", created)
            areas[code] = area
        return areas

    def load_cycle(self, data):
        cycle, created = MappingCycle.objects.get_or_create(
            edition=data["edition"],
            kind=data["kind"],
            defaults=_copied(data, "period_start", "period_end", "status", "current_phase"),
        )
        self._count("mapping cycles", created)
        if created:
            CyclePhase.objects.bulk_create(
                CyclePhase(cycle=cycle, phase=phase, **dict(zip(PHASE_DATES, dates, strict=True)))
                for phase, dates in data["phases"].items()
            )
        return cycle

    def load_documents(self):
        documents = {}
        for data in self.catalogue.documents:
            document, created = StrategicDocument.objects.get_or_create(
                title=data["title"],
                defaults={**_copied(data, "issuer", "published"), "cycle": self.needs_cycle},
            )
            self._count("strategic documents", created)
            if created:
                document.pillars.set(self.pillars[code] for code in data["pillars"])
                document.partners.set(self.partners[code] for code in data["partners"])
            documents[data["key"]] = document
        return documents

    def load_meetings(self):
        for data in registries.MEETINGS:
            _, created = Meeting.objects.get_or_create(
                title=data["title"],
                start_date=data["start_date"],
                defaults={
                    **_copied(data, "kind", "end_date", "place", "summary"),
                    "pillar": self.pillars.get(data["pillar"]),
                },
            )
            self._count("meetings", created)
        # The meetings of the needs cycle's period were held for it.
        Meeting.objects.filter(
            cycle=None,
            start_date__range=(self.needs_cycle.period_start, self.needs_cycle.period_end),
        ).update(cycle=self.needs_cycle)

    def load_hierarchy(self):
        """The demo's objectives and measures of the needs cycle (illustrative titles)."""
        objectives, measures = {}, {}
        for order, data in enumerate(self.catalogue.objectives):
            axis = self.axes[(data["pillar"], data["axis"])]
            objectives[data["code"]] = self._hierarchy_entry("objectives", Objective, data, {
                "pillar": axis.pillar, "axis": axis, "title": data["title"], "sort_order": order,
            })  # fmt: skip
        for order, data in enumerate(self.catalogue.measures):
            measures[data["code"]] = self._hierarchy_entry("measures", Measure, data, {
                "objective": objectives[data["objective"]], "title": data["title"],
                "sort_order": order,
            })  # fmt: skip
        return measures

    def _hierarchy_entry(self, name, model, data, defaults):
        """The needs cycle's `model` entry (objective or measure) with the code of `data`, made
        from `defaults` with a first revision when missing (counted under `name`)."""
        entry, created = model.objects.get_or_create(
            cycle=self.needs_cycle, code=data["code"], defaults=defaults
        )
        if created:
            entry.save_revision()
        self._count(name, created)
        return entry

    def new_need(self, cycle, data, measures):
        """An unsaved need of `cycle` from a row of a needs file (`measures`: by code)."""
        return Need(
            cycle=cycle,
            pillar=self.pillars[data["pillar"]],
            axis=self.axes[(data["pillar"], data["axis"])],
            measure=measures.get(data["measure"]),
            area=self.areas[data["area"]],
            **_copied(data, "reference_code", "title", "state_of_play", "gap", "action_needed"),
            **_copied(data, "timeframe", "status"),
        )

    def load_needs(self):
        measures = self.load_hierarchy()
        existing = {n.reference_code: n for n in Need.objects.filter(cycle=self.needs_cycle)}
        needs = {}
        for data in self.catalogue.needs:
            need = existing.get(data["reference_code"])
            if need is None:
                need = self.new_need(self.needs_cycle, data, measures)
                details = self.catalogue.partner_details
                own = {d["partner"]: d for d in details if d["need"] == data["reference_code"]}
                need.partner_links = [
                    NeedPartner(
                        partner=self.partners[code],
                        **{
                            k: v
                            for k, v in own.get(code, {}).items()
                            if k not in ("need", "partner")
                        },
                    )
                    for code in data["partners"]
                ]
                need.sources = [self.documents[key] for key in data["sources"]]
                need.save()
                need.save_revision().publish()
                self._count("needs", True)
            needs[need.reference_code] = need
        return needs

    def load_responses(self):
        existing = set(Response.objects.values_list("title", flat=True))
        for data in self.catalogue.responses:
            if data["title"] in existing:
                continue
            reporting_member = self.members[data["reporting_member"]]
            # Illustrative: no budget, currency or funding source (rows.FORBIDDEN_COLUMNS).
            response = Response(
                reporting_member=reporting_member,
                pillar=self.pillars[data["pillar"]],
                **_copied(data, "title", "description", "iati_status", "sensitivity"),
                **_copied(data, *PHASE_DATES),
                budget=None,
                currency="",
                funding_source="",
            )
            response.need_links = [ResponseNeed(need=self.needs[code]) for code in data["needs"]]
            response.beneficiaries = [self.partners[code] for code in data["beneficiaries"]]
            # A demo response names no organisation but its reporting member.
            response.participations = [
                ResponseParticipant(member=reporting_member, role=role) for role in data["roles"]
            ]
            response.save()
            response.save_revision()
            self._count("responses", True)

    def load_validations(self):
        """International partners' validations, as their review templates would record them,
        by the member's focal point where the demo has one."""
        focal_points = {
            point.member_id: point.user
            for point in FocalPoint.objects.exclude(user=None).select_related("user")
        }
        for data in self.catalogue.validations:
            member = self.members[data["member"]]
            _review, created = NeedReview.objects.get_or_create(
                need=self.needs[data["need"]],
                member=member,
                defaults={
                    **_copied(data, "verdict", "comment", "support"),
                    "updated_by": focal_points.get(member.pk),
                },
            )
            self._count("validations by international partners", created)

    def load_confirmations(self):
        """Partners' confirmations and disputes, by the partner's demo focal point, with the
        reporting member's answer by its own where the demo has one."""
        focal_points = {
            point.member_id: point.user
            for point in FocalPoint.objects.exclude(user=None).select_related("user")
        }
        responses = {r.title: r for r in Response.objects.select_related("reporting_member")}
        for data in self.catalogue.confirmations:
            response, partner = responses[data["response"]], self.partners[data["partner"]]
            _confirmation, created = ResponseConfirmation.objects.get_or_create(
                response=response,
                need=self.needs[data["need"]],
                partner=partner,
                defaults={
                    **_copied(data, "verdict", "reason", "reply"),
                    "decided_by": focal_points.get(partner.pk),
                    "replied_by": focal_points.get(response.reporting_member_id)
                    if data["reply"]
                    else None,
                    "replied_at": timezone.now() if data["reply"] else None,
                },
            )
            self._count("confirmations by partners", created)

    def load_iati_candidates(self):
        """The illustrative IATI file imported for UNODC, as its focal point would: candidate
        responses waiting for review (importing again changes nothing)."""
        with catalogue.IATI_FILE.open("rb") as file:
            counts = import_file(
                self.members[registries.IATI_IMPORTER], None, file, catalogue.IATI_FILE.name
            )
        if counts.candidates:
            self.created["candidate responses from IATI"] = counts.candidates

    def load_next_edition(self):
        """The edition after the needs cycle: planned, with the needs cycle's objectives and
        measures carried over as the Secretariat would from the cycle's page."""
        data = self.catalogue.next_edition
        cycle = self.load_cycle(data)
        source = MappingCycle.objects.get(edition=data["carry_over_from"], kind=data["kind"])
        for kind, count in carry_over_hierarchy(source, cycle).items():
            if count:
                self.created[f"{kind} carried over"] = count
        self.load_next_edition_needs(cycle)
        self.load_outcomes()

    def load_next_edition_needs(self, cycle):
        """The next edition's needs so far, each continuing the need of the same code or the
        one it names: published, proposed (the Board has not approved them)."""
        measures = {m.code: m for m in Measure.objects.filter(cycle=cycle)}
        existing = set(Need.objects.filter(cycle=cycle).values_list("reference_code", flat=True))
        for data in self.catalogue.next_edition_needs:
            if data["reference_code"] in existing:
                continue
            need = self.new_need(cycle, data, measures)
            need.predecessor = self.needs.get(data["continues"])
            need.partner_links = [
                NeedPartner(partner=self.partners[code]) for code in data["partners"]
            ]
            need.save()
            need.save_revision().publish()
            self._count("needs of the next edition", True)

    def load_outcomes(self):
        """What became of the needs the next edition does not continue, as the Secretariat
        records it during the next edition's formulation."""
        responses = {r.title: r for r in Response.objects.all()}
        for data in self.catalogue.outcomes:
            outcome, created = NeedOutcome.objects.get_or_create(
                need=self.needs[data["need"]],
                defaults=_copied(data, "outcome", "evidence", "reason"),
            )
            if created:
                for title in data["responses"]:
                    NeedOutcomeResponse.objects.create(outcome=outcome, response=responses[title])
            self._count("need outcomes", created)

    def load_board_seats(self):
        """A seat per Western Balkans partner and one for the European Commission, held by
        the demo login of the Board for that member (titular, from the demo cycle's start)."""
        for order, (username, *_rest, group_name, member, _pillar) in enumerate(registries.USERS):
            if group_name != BOARD:
                continue
            seat, created = BoardSeat.objects.get_or_create(
                member=self.members[member], defaults={"sort_order": order}
            )
            self._count("Board seats", created)
            user = get_user_model().objects.get(username=username)
            BoardSeatHolder.objects.get_or_create(
                seat=seat,
                user=user,
                defaults={"start": registries.NEEDS_CYCLE["period_start"]},
            )

    def load_users(self):
        User = get_user_model()
        for username, first, last, group_name, member, pillar in registries.USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.iisg.localhost",
                },
            )
            self._count("demo users", created)
            if not created:
                continue
            user.set_password(registries.DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            FocalPoint.objects.create(
                member=self.members[member],
                pillar=self.pillars.get(pillar),
                name=user.get_full_name(),
                email=user.email,
                user=user,
            )
