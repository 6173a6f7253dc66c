"""Montenegrin writes dates and numbers as Serbian in Latin script does."""

from django.conf.locale.sr_Latn.formats import *  # noqa: F403
