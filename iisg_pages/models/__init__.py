"""Page types of the public site and the Biennial Needs Mapping report."""

from .members import MembersAreaPage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, MembershipApplicationPage, PillarPage, StandardPage
from .reports import ReportIndexPage, ReportPage, ReportPDF

__all__ = [
    "HomePage",
    "MembersAreaPage",
    "MembershipApplicationPage",
    "NewsIndexPage",
    "NewsPage",
    "PillarPage",
    "ReportIndexPage",
    "ReportPDF",
    "ReportPage",
    "StandardPage",
]
