"""Models of the secure database."""

from .analysis import (
    AnalysisDirtyNeed,
    AnalysisGeneration,
    AnalysisPendingChange,
    ResponseCover,
    ResponseOverlap,
    ResponseReach,
    rebuild_summaries,
    refresh_summaries,
    summaries_maintained,
)
from .application_focal_points import ApplicationFocalPoint
from .applications import MembershipApplication
from .audit import ResponseLogEntry
from .board import BoardSeat, BoardSeatHolder
from .confirmations import ResponseConfirmation
from .cycles import CyclePhase, MappingCycle, Meeting, StrategicDocument
from .hierarchy import Measure, Objective, Priority, carry_over_hierarchy
from .iati_imports import CandidateResponse
from .imports import TemplateImport
from .needs import Need, NeedPartner
from .outcomes import NeedOutcome, NeedOutcomeResponse
from .registries import Area, Axis, FocalPoint, Member, MemberKind, MembershipBasis, Pillar
from .responses import (
    SENSITIVE_INFORMATION_NOTICE,
    Response,
    ResponseBeneficiary,
    ResponseNeed,
    ResponseParticipant,
)
from .reviews import NeedReview
from .support_groups import PillarRole, SecretariatHost
from .tokens import TokenExpiry

__all__ = [
    "AnalysisDirtyNeed",
    "AnalysisGeneration",
    "AnalysisPendingChange",
    "ResponseConfirmation",
    "ResponseCover",
    "ResponseOverlap",
    "ResponseReach",
    "rebuild_summaries",
    "refresh_summaries",
    "summaries_maintained",
    "SENSITIVE_INFORMATION_NOTICE",
    "ApplicationFocalPoint",
    "carry_over_hierarchy",
    "CandidateResponse",
    "Area",
    "Axis",
    "BoardSeat",
    "BoardSeatHolder",
    "CyclePhase",
    "FocalPoint",
    "MappingCycle",
    "MembershipApplication",
    "Meeting",
    "Measure",
    "Member",
    "MemberKind",
    "MembershipBasis",
    "Need",
    "NeedOutcome",
    "NeedOutcomeResponse",
    "NeedPartner",
    "NeedReview",
    "Objective",
    "Pillar",
    "PillarRole",
    "Priority",
    "Response",
    "ResponseBeneficiary",
    "ResponseLogEntry",
    "ResponseNeed",
    "ResponseParticipant",
    "SecretariatHost",
    "StrategicDocument",
    "TemplateImport",
    "TokenExpiry",
]
