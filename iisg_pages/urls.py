"""The site's own addresses outside the page tree that are not per language: each adopted
edition's needs catalogue as open data. `cms/urls.py` includes them under /open-data/."""

from django.urls import path

from . import open_data

app_name = "open_data"

urlpatterns = [
    path("needs/<slug:edition>.csv", open_data.needs_csv, name="needs_csv"),
    path("needs/<slug:edition>.json", open_data.needs_json, name="needs_json"),
]
