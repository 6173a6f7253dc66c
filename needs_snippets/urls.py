"""The secure database's own public addresses (its admin views are registered through Wagtail
hooks, its API routes in api/): `cms/urls.py` includes them at the site's root."""

from django.urls import path

from .consultation.calendar import cycle_calendar_view

app_name = "needs_snippets"

urlpatterns = [
    # A cycle's phases and meetings for calendar apps, behind an unguessable signed address.
    path("calendar/<str:token>.ics", cycle_calendar_view, name="cycle_calendar"),
]
