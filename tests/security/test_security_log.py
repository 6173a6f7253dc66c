"""The security log: each event a deployer's log shipping needs, with who, from where, on what
and the outcome, and never a secret."""

import json
import logging

import pytest

from needs_snippets import tokens
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_ins_failures_and_lockouts_are_logged_without_the_password(
    client, security_log, sign_in
):
    UserFactory(username="ana")
    sign_in("ana", REMOTE_ADDR="198.51.100.7")
    [signed_in] = security_log("sign_in")
    assert (signed_in["user"], signed_in["address"], signed_in["outcome"]) == (
        "ana",
        "198.51.100.7",
        "success",
    )
    client.post("/logout/")
    assert security_log("sign_out")[0]["user"] == "ana"

    for attempt in range(5):
        sign_in("ana", f"guess {attempt}")
    failures = security_log("sign_in_failed")
    assert len(failures) == 5 and {entry["user"] for entry in failures} == {"ana"}
    assert {entry["outcome"] for entry in failures} == {"failure"}
    [locked] = security_log("locked_out")
    assert locked["user"] == "ana" and locked["outcome"] == "refused"
    written = " ".join(json.dumps(vars(entry["record"]), default=str) for entry in security_log())
    assert "guess" not in written and PASSWORD not in written


def test_refusals_of_private_objects_are_logged(client, area, security_log):
    outsider = UserFactory(username="outsider")
    client.force_login(outsider)
    document = area["document"]
    assert client.get("/members/").status_code == 403
    client.get(document.url)
    refused = security_log("refused")
    assert refused[0]["object"] == "/members/" and refused[0]["user"] == "outsider"
    assert refused[0]["outcome"] == "refused"


def test_token_creation_use_and_refusal_are_logged(client, area, security_log):
    member = area["users"]["member_a"]
    token, plaintext = tokens.issue(member, "script")
    client.get("/api/v3/database/needs/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    client.get("/api/v3/database/needs/", HTTP_AUTHORIZATION="Bearer wagtail_not-a-token")
    [created] = security_log("token_created")
    assert created["object"] == f"wagtailcore.apitoken:{token.pk}"
    [used] = security_log("token_used")
    assert used["user"] == member.get_username() and used["path"] == "/api/v3/database/needs/"
    [refused] = security_log("token_refused")
    assert refused["outcome"] == "refused" and refused["user"] is None
    written = " ".join(json.dumps(vars(entry["record"]), default=str) for entry in security_log())
    assert plaintext not in written and "not-a-token" not in written


def test_the_log_is_json_lines_for_log_shipping(settings):
    handler = logging.getLogger("iisg.security").handlers[0]
    record = logging.LogRecord("iisg.security", logging.INFO, "", 0, "sign_in", None, None)
    record.event, record.user = "sign_in", "ana"
    line = json.loads(handler.formatter.format(record))
    assert line["event"] == "sign_in" and line["user"] == "ana" and line["level"] == "INFO"


def test_exports_of_the_secure_database_are_logged(client, area, security_log):
    client.force_login(area["users"]["member_a"])
    url = area["page"].url + "needs/"
    client.get(url, {"export": "xlsx", "q": "training"})
    [export] = security_log("export")
    assert export["user"] == area["users"]["member_a"].get_username()
    assert export["object"] == url
    assert export["record"].format == "xlsx" and "q=training" in export["record"].query
