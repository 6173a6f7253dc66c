"""Models of the secure database."""

from .applications import MembershipApplication
from .audit import ResponseLogEntry
from .cycles import CyclePhase, MappingCycle, Meeting, StrategicDocument
from .imports import TemplateImport
from .needs import Need, NeedPartner
from .registries import Area, Axis, FocalPoint, Member, MemberKind, Pillar
from .responses import (
    SENSITIVE_INFORMATION_NOTICE,
    Response,
    ResponseBeneficiary,
    ResponseNeed,
    ResponseParticipant,
)

__all__ = [
    "SENSITIVE_INFORMATION_NOTICE",
    "Area",
    "Axis",
    "CyclePhase",
    "FocalPoint",
    "MappingCycle",
    "MembershipApplication",
    "Meeting",
    "Member",
    "MemberKind",
    "Need",
    "NeedPartner",
    "Pillar",
    "Response",
    "ResponseBeneficiary",
    "ResponseLogEntry",
    "ResponseNeed",
    "ResponseParticipant",
    "StrategicDocument",
    "TemplateImport",
]
