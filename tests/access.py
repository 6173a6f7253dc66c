"""A small secure database seen by one person in each role, for the permission matrix.

Organisations A and B each report an open and a restricted response to the same live need.
"""

import pytest

from needs_snippets.models import Response
from needs_snippets.roles import BOARD, MEMBERS, SECRETARIAT, SUPPORT_GROUPS
from tests import factories as f

ROLES = ["anonymous", "member_a", "member_b", "reviewer", "board", "secretariat"]


@pytest.fixture
def world(db):
    partners = f.wb_partners()
    pillar = f.PillarFactory(code="WBCSCi")
    axis = f.AxisFactory(pillar=pillar, name="Prevention")
    area = f.AreaFactory(code="operational")
    cycle = f.MappingCycleFactory()
    need = f.NeedFactory(
        cycle=cycle, reference_code="WBCSCi-PRV-OPE-01", title="Financial investigations",
        pillar=pillar, axis=axis, area=area, partners=[partners["AL"], partners["RS"]],
    )  # fmt: skip
    draft = f.NeedFactory(
        cycle=cycle, reference_code="WBCSCi-PRV-OPE-02", title="Draft need on asset recovery",
        pillar=pillar, axis=axis, area=area, partners=[partners["AL"]], live=False,
    )  # fmt: skip
    org_a = f.MemberFactory(name="Organisation A", short_name="ORGA")
    org_b = f.MemberFactory(name="Organisation B", short_name="ORGB")

    def response(org, title, sensitivity):
        """A response answering the need for both partners that identified it."""
        return f.ResponseFactory(
            reporting_member=org, title=title, pillar=pillar, needs=[need],
            beneficiaries=[partners["AL"], partners["RS"]], sensitivity=sensitivity,
        )  # fmt: skip

    users = {
        "anonymous": None,
        "member_a": f.focal_point(org_a, "focal-a", [MEMBERS]),
        "member_b": f.focal_point(org_b, "focal-b", [MEMBERS]),
        "reviewer": f.UserFactory(username="reviewer", groups=[SUPPORT_GROUPS["WBCSCi"]]),
        "board": f.focal_point(partners["AL"], "board-al", [BOARD]),
        "secretariat": f.UserFactory(username="secretariat", groups=[SECRETARIAT]),
    }
    return {
        "partners": partners,
        "pillar": pillar,
        "cycle": cycle,
        "need": need,
        "draft": draft,
        "org_a": org_a,
        "org_b": org_b,
        "a_open": response(org_a, "Alpha open training", Response.Sensitivity.MEMBERS),
        "a_restricted": response(
            org_a, "Alpha restricted operation", Response.Sensitivity.RESTRICTED
        ),
        "b_open": response(org_b, "Bravo open equipment", Response.Sensitivity.MEMBERS),
        "b_restricted": response(
            org_b, "Bravo restricted operation", Response.Sensitivity.RESTRICTED
        ),
        "users": users,
    }


def client_for(client, world, role):
    """The test client logged in as `role` (anonymous: not logged in)."""
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client
