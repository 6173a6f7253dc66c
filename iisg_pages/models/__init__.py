"""Page types of the public site and the Biennial Needs Mapping report."""

from .news import NewsIndexPage, NewsPage
from .pages import HomePage, MembershipApplicationPage, PillarPage, StandardPage
from .reports import ReportIndexPage, ReportPage, ReportPDF

__all__ = [
    "HomePage",
    "MembershipApplicationPage",
    "NewsIndexPage",
    "NewsPage",
    "PillarPage",
    "ReportIndexPage",
    "ReportPDF",
    "ReportPage",
    "StandardPage",
]
