"""The Secretariat records what became of a need in the admin: the responses that met it must
answer it, and the outcome records who recorded it."""

import pytest
from django.urls import reverse

from needs_snippets.models import NeedOutcome, Response
from needs_snippets.roles import SECRETARIAT
from tests.admin_forms import inline_forms
from tests.factories import ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


def post_outcome(client, need, responses=(), **fields):
    url = reverse(NeedOutcome.snippet_viewset.get_url_name("add"))
    rows = [{"response": r.pk, "id": "", "ORDER": str(n), "DELETE": ""} for n, r in
            enumerate(responses, start=1)]  # fmt: skip
    data = {"need": need.pk, "evidence": "", "reason": "", **fields}
    return client.post(url, {**data, **inline_forms("response_links", rows)})


def test_a_response_that_does_not_answer_the_need_is_refused_by_name(client, two_editions):
    secretariat = UserFactory(username="sec", groups=[SECRETARIAT])
    client.force_login(secretariat)
    need = two_editions["unrecorded"]
    training = Response.objects.get(title="Financial investigations training")
    response = post_outcome(client, need, [training], outcome="met", evidence="Done in 2022.")
    assert response.status_code == 200
    assert f"“Financial investigations training” does not answer {need.reference_code}" in (
        response.content.decode()
    )
    assert not NeedOutcome.objects.filter(need=need).exists()

    response = post_outcome(client, need, outcome="dropped", reason="Covered by a WBBSi need.")
    assert response.status_code == 302
    outcome = NeedOutcome.objects.get(need=need)
    assert (outcome.outcome, outcome.recorded_by) == ("dropped", secretariat)


def test_a_need_is_met_by_a_response_that_answers_it(secretariat_client, two_editions):
    need = two_editions["unrecorded"]
    answering = ResponseFactory(title="Border post equipment", needs=[need])
    response = post_outcome(
        secretariat_client, need, [answering], outcome="met", evidence="Delivered."
    )
    assert response.status_code == 302
    outcome = NeedOutcome.objects.get(need=need)
    assert list(outcome.response_links.values_list("response", flat=True)) == [answering.pk]
