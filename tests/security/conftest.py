import logging

import pytest


@pytest.fixture
def security_log(caplog):
    """The records written to the security log ("iisg.security", which does not propagate to
    the root logger that caplog watches), as dicts of their structured fields."""
    logger = logging.getLogger("iisg.security")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="iisg.security")
    fields = ("event", "outcome", "user", "user_id", "address", "object", "path")

    def records(event=None):
        found = [
            {name: getattr(record, name, None) for name in fields} | {"record": record}
            for record in caplog.records
            if record.name == "iisg.security"
        ]
        return [entry for entry in found if event is None or entry["event"] == event]

    yield records
    logger.removeHandler(caplog.handler)
