"""manage.py sign_in_codes: the demo logins' current authenticator codes, and only theirs."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from iisg_pages.accounts import totp
from iisg_pages.models import DemoDataRecord
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def codes(*usernames):
    out = StringIO()
    call_command("sign_in_codes", *usernames, stdout=out)
    return out.getvalue()


def test_it_prints_the_code_the_authenticator_app_shows_now(monkeypatch):
    now = 1_764_932_405  # 5 s into a 30-second period: the code and what is left are known
    monkeypatch.setattr(totp, "time", SimpleNamespace(time=lambda: now))
    DemoDataRecord.objects.create()
    secretariat = UserFactory(username="secretariat")
    totp.enrol(secretariat)
    UserFactory(username="board-al")  # no authenticator app
    printed = codes("secretariat", "board-al")
    code, _seconds = totp.current_code(secretariat, at=now)
    assert f"secretariat        {code}  (valid 25 s more)" in printed
    assert "board-al           no authenticator app" in printed


def test_only_demo_logins_and_only_on_a_demo_database():
    UserFactory(username="secretariat")
    with pytest.raises(CommandError, match="holds no demo data"):
        codes()
    DemoDataRecord.objects.create()
    with pytest.raises(CommandError, match="Not demo logins: ana.horvat. Demo logins: admin, "):
        codes("ana.horvat")
