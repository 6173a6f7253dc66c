"""Versions in the shared cache: a counter that every change of something increments, so that
every process knows that what it kept of it is out of date (the page cache's purge, the
filter forms' choice lists). A version starts from the clock, so that a cleared cache never
brings back a value that a process kept something under."""

import time

from django.core.cache import cache


def read(key):
    """The version at `key`, started now if there is none."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key, 1)
    return value


def bump(key):
    """Increment the version at `key` (start it afresh if there is none)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)
