"""Work on a database connection of its own, for the tests of two clients at once."""

import threading

from django.db import connection


class OnItsOwnConnection(threading.Thread):
    """Runs `work(*args)` in a thread, on the connection Django opens for that thread, and
    closes the connection when the work ends, however it ends. `outcome()` waits for the work
    and returns what it returned, or raises what it raised, in the test's own thread."""

    def __init__(self, work, *args):
        super().__init__(daemon=True)
        self._work, self._args = work, args
        self._result = self._error = None

    def run(self):
        try:
            self._result = self._work(*self._args)
        except BaseException as error:  # noqa: BLE001 (raised again by outcome(), pytest.fail too)
            self._error = error
        finally:
            connection.close()

    def waits(self, seconds):
        """Whether the work is still running after `seconds` (say, waiting for a lock)."""
        self.join(timeout=seconds)
        return self.is_alive()

    def outcome(self, timeout=60):
        """What the work returned; its error, raised again here, if it failed."""
        self.join(timeout=timeout)
        assert not self.is_alive(), f"{self._work.__name__} still runs after {timeout} s"
        if self._error is not None:
            raise self._error
        return self._result


def started(work, *args):
    """`work(*args)` started on its own connection; see OnItsOwnConnection."""
    thread = OnItsOwnConnection(work, *args)
    thread.start()
    return thread
