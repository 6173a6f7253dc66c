"""Every factory builds a valid object."""

import pytest

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class",
    [
        factories.MemberFactory,
        factories.PartnerFactory,
        factories.PillarFactory,
        factories.AxisFactory,
        factories.AreaFactory,
        factories.MappingCycleFactory,
        factories.NeedFactory,
        factories.ResponseFactory,
        factories.ResponseParticipantFactory,
        factories.UserFactory,
    ],
)
def test_factory_builds_valid_object(factory_class):
    obj = factory_class()
    obj.full_clean()
