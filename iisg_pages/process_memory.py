"""What one process keeps in memory in front of the shared cache: the least recently used
entries go first once their sizes add up to a setting's budget in bytes (0 keeps nothing)."""

import threading

import cachetools
from django.conf import settings


class ProcessMemory:
    """A map of at most `settings.<budget_setting>` bytes (each entry's size by `sizeof`),
    least recently used first out, safe to share between a process's threads. An entry larger
    than the whole budget is not kept."""

    def __init__(self, budget_setting, sizeof):
        self.budget_setting, self.sizeof = budget_setting, sizeof
        self.lock = threading.Lock()
        self.entries, self.budget = None, None

    def _entries(self):
        budget = getattr(settings, self.budget_setting)
        if budget != self.budget:  # first use, or the setting changed (tests)
            self.entries, self.budget = cachetools.LRUCache(budget, getsizeof=self.sizeof), budget
        return self.entries

    def get(self, key):
        with self.lock:
            return self._entries().get(key)

    def put(self, key, value):
        with self.lock:
            try:
                self._entries()[key] = value
            except ValueError:  # larger than the whole budget
                pass

    def clear(self):
        with self.lock:
            self._entries().clear()

    @property
    def size(self):
        with self.lock:
            return self._entries().currsize
