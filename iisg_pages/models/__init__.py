"""Page types of the public site and the Biennial Needs Mapping report."""

from .demo_data import DemoDataRecord
from .members import MembersAreaPage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, MembershipApplicationPage, PillarPage, StandardPage
from .periodic import PeriodicJobState, TaskWorker
from .report_pdfs import ReportPDF
from .reports import ReportIndexPage, ReportPage

__all__ = [
    "DemoDataRecord",
    "HomePage",
    "MembersAreaPage",
    "MembershipApplicationPage",
    "NewsIndexPage",
    "NewsPage",
    "PeriodicJobState",
    "TaskWorker",
    "PillarPage",
    "ReportIndexPage",
    "ReportPDF",
    "ReportPage",
    "StandardPage",
]
