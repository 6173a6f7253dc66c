"""No query value gives a server error: a null byte or a 20,000-character value is refused with
a message that says what to fix (a 422 naming the parameter on every GET route of the API's
OpenAPI document, as its other validation errors; a 400 page on every page route). Two draft
needs may wait for their reference codes; the response chooser's search works for every role
that may open it; uploads are bounded and their names made safe."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.security.uploads import normalised_filename
from needs_snippets import tokens
from needs_snippets.models import Need
from tests.access import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BAD_VALUES = {"a null byte": "nuclear\x00", "20,000 characters": "x" * 20_000}


def member_pages(area):
    base = area["page"].url
    return [
        base,
        f"{base}needs/",
        f"{base}needs/{area['need'].pk}/",
        f"{base}responses/",
        f"{base}responses/{area['a_open'].pk}/",
        f"{base}analysis/gaps/",
        f"{base}analysis/overlaps/",
        f"{base}analysis/coverage/",
        f"{base}documents/",
        f"{base}api-tokens/",
    ]


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/search/",
    "/admin/snippets/needs_snippets/need/",
    "/admin/snippets/needs_snippets/response/",
    "/admin/snippets/choose/needs_snippets/need/",
    "/admin/snippets/choose/needs_snippets/response/",
    "/admin/documents/",
    "/admin/users/",
]


def openapi_get_routes(client, area):
    """Each GET route of the OpenAPI document, its path parameters filled with real ids."""
    document = client.get("/api/v3/openapi.json").json()
    ids = {
        "need": area["need"].pk,
        "response": area["a_open"].pk,
        "page": area["page"].pk,
        "cycle": area["cycle"].pk,
        "member": area["org_a"].pk,
        "pillar": area["pillar"].pk,
    }
    routes = []
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue

        def fill(match):
            name = match.group(1)
            return str(next((pk for key, pk in ids.items() if key in name), area["need"].pk))

        routes.append(re.sub(r"\{(\w+)\}", fill, path))
    return routes


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_every_api_get_route_refuses_a_bad_query_value_naming_it(client, area, kind):
    token = tokens.issue(area["users"]["member_a"], "test")[1]
    routes = openapi_get_routes(client, area)
    assert len(routes) > 15  # the whole document, Wagtail's routes and ours
    for route in routes:
        for name in ("q", "search", "title", "offset"):
            response = client.get(
                route, {name: BAD_VALUES[kind]}, HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            assert response.status_code == 422, (route, name, response.status_code)
            assert response["Content-Type"] == "application/problem+json"
            [error] = response.json()["errors"]
            assert error["loc"] == ["query", name] and f"The parameter “{name}”" in error["msg"]


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("role", ["anonymous", "member_a", "secretariat"])
def test_every_page_route_refuses_a_bad_query_value_with_the_sites_page(client, area, kind, role):
    client = client_for(client, area, role)
    pages = ["/", "/search/", *member_pages(area)]
    if role == "secretariat":
        pages += ADMIN_PAGES
    for address in pages:
        for name in ("q", "pillar", "page", "sort"):
            response = client.get(address, {name: BAD_VALUES[kind]})
            assert response.status_code == 400, (address, name, response.status_code)
            assert "This address cannot be used" in response.content.decode()


def test_ordinary_searches_still_work(client, area):
    client = client_for(client, area, "member_a")
    assert client.get(area["page"].url + "needs/", {"q": "training"}).status_code == 200
    assert client.get("/search/", {"q": "Srpska čćžšđ ћирилица"}).status_code == 200


def test_two_draft_needs_wait_for_their_reference_codes(area):
    need = area["need"]
    for title in ("First draft", "Second draft"):
        Need.objects.create(
            cycle=need.cycle,
            reference_code="",
            title=title,
            pillar=need.pillar,
            axis=need.axis,
            area=need.area,
        )
    assert Need.objects.filter(cycle=need.cycle, reference_code="").count() == 2


def test_a_given_code_is_still_unique_in_its_cycle(area):
    need = area["need"]
    copy = Need(cycle=need.cycle, reference_code=need.reference_code, title="Copy")
    with pytest.raises(ValidationError) as refused:
        copy.validate_constraints()
    assert "Another need of this cycle already has this reference code" in str(refused.value)
    Need(cycle=need.cycle, reference_code="", title="Draft").validate_constraints()  # no error


@pytest.mark.parametrize("role", ["secretariat", "reviewer", "board"])
def test_the_response_chooser_search_works_for_each_role_that_opens_it(client, area, role):
    client = client_for(client, area, role)
    response = client.get("/admin/snippets/choose/needs_snippets/response/", {"q": "open"})
    assert response.status_code == 200
    results = client.get("/admin/snippets/choose/needs_snippets/response/results/", {"q": "Alpha"})
    assert results.status_code == 200 and "Alpha open training" in results.content.decode()
    if role != "secretariat":
        assert "Alpha restricted" not in results.content.decode()


def test_an_oversize_document_is_refused_with_its_size_and_nothing_is_stored(
    client, area, settings
):
    settings.IISG_MAX_UPLOAD_SIZE = 1024 * 1024
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    Document = get_document_model()
    before = Document.objects.count()
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    root = Collection.get_first_root_node()
    response = client.post(
        "/admin/documents/add/", {"title": "Minutes", "file": upload, "collection": root.pk}
    )
    content = response.content.decode()
    assert "The file is 2.0 MB; files are at most 1 MB here." in content
    assert Document.objects.count() == before


def test_document_names_are_made_safe_to_store(client, area):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    long_name = "Записник " + "ž" * 300 + "\udcff.pdf"
    upload = SimpleUploadedFile(long_name, b"%PDF-1.4 minutes")
    root = Collection.get_first_root_node()
    response = client.post(
        "/admin/documents/add/", {"title": "Minutes", "file": upload, "collection": root.pk}
    )
    assert response.status_code == 302
    stored = get_document_model().objects.get(title="Minutes").file.name
    assert stored.startswith("documents/Записник-") and stored.endswith(".pdf")
    # At most 80 characters, and 8 more when the storage adds a suffix to keep names apart.
    assert len(stored) <= 100 and len(stored.rsplit("/", 1)[1]) <= 80 + 8


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\needs 2026.xlsx", "needs-2026.xlsx"),
        ("\x00\x01.xlsx", "upload.xlsx"),
        ("a" * 200 + ".xlsx", "a" * 75 + ".xlsx"),
        ("Potrebe\udcff.xlsx", "Potrebe.xlsx"),
    ],
)
def test_file_names_are_normalised(given, stored):
    assert normalised_filename(given) == stored


def test_a_null_character_in_an_api_body_is_refused_with_the_field(client, area):
    token = tokens.issue(area["users"]["member_a"], "test")[1]
    response = client.patch(
        f"/api/v3/database/responses/{area['a_open'].pk}/",
        '{"title": "Alpha\\u0000 renamed"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert "This text contains a null character" in response.content.decode()
    area["a_open"].refresh_from_db()
    assert area["a_open"].title == "Alpha open training"


def test_an_uploaded_templates_name_is_made_safe_before_it_is_kept(area):
    from needs_snippets.consultation.service import start

    secretariat = area["users"]["secretariat"]
    long_name = "Potrebe " + "č" * 300 + "\udcff.xlsx"
    template_import = start(b"not a workbook", long_name, secretariat, area["cycle"])
    assert template_import.filename.startswith("Potrebe-č") and len(template_import.filename) <= 80
    assert template_import.filename.endswith(".xlsx")
    assert template_import.document.title == f"Template upload: {template_import.filename}"


@pytest.mark.parametrize("path", ["/api/v3/database/responses/", "/membership/apply/"])
def test_a_content_length_that_is_no_number_is_refused_before_the_body_is_read(client, area, path):
    token = tokens.issue(area["users"]["member_a"], "test")[1]
    response = client.post(
        path,
        '{"title": "Alpha"}',
        content_type="application/json",
        CONTENT_LENGTH="abc",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert "The Content-Length header is not a number of bytes" in response.content.decode()
