"""Signing in: one /login/ page (django-allauth) with a second factor, sessions that end, and
the security log of it all."""
