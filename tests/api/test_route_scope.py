"""needs_snippets/api/scope.py is the one adapter that reaches into django-ninja's router
internals (Wagtail 8's API offers no public way to serve only its read routes). These tests pin
what it relies on, on an API of their own: when a django-ninja or Wagtail upgrade changes those
internals, they fail here, naming the adapter, before any route is served unscoped."""

from ninja import NinjaAPI, Router
from wagtail.api.v3.auth import BearerTokenAuth

from needs_snippets.api.auth import ExpiringBearerTokenAuth
from needs_snippets.api.scope import serve_wagtail_reads_only

ADAPTER = "needs_snippets/api/scope.py relies on it; update the adapter for this django-ninja"


def a_router(name):
    """A router with a read and a write route on one path, both behind Wagtail's token auth,
    and a nested router with a write only."""
    router, nested = Router(), Router()

    @router.get("/items/", auth=BearerTokenAuth(), operation_id=f"{name}_list")
    def read(request):
        return []

    @router.post("/items/", auth=BearerTokenAuth(), operation_id=f"{name}_create")
    def write(request):
        return {}

    @nested.delete("/{pk}/", operation_id=f"{name}_nested_delete")
    def delete(request, pk: int):
        return {}

    router.add_router("/nested/", nested)
    return router


def scoped_api():
    api = NinjaAPI(urls_namespace="scope_pin", docs_url=None)
    wagtail, snippets, ours = a_router("wagtail"), a_router("snippets"), a_router("ours")
    api.add_router("/pages/", wagtail)
    api.add_router("/snippets/", snippets)
    api.add_router("/database/", ours)
    serve_wagtail_reads_only(api, own_routers={ours})
    return api, wagtail, ours


def operations(router):
    return {
        (path, method)
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }


def test_the_internals_the_adapter_reads_are_there():
    api = NinjaAPI(urls_namespace="scope_internals", docs_url=None)
    router = a_router("probe")
    api.add_router("/probe/", router)
    assert isinstance(getattr(api, "_router_registrations", None), list), ADAPTER
    registered = {registration[0]: registration[1] for registration in api._router_registrations}
    assert registered["/probe/"] is router, ADAPTER
    view = router.path_operations["/items/"]
    assert [op.methods for op in view.operations] == [["GET"], ["POST"]], ADAPTER
    assert type(view.operations[0].auth_callbacks[0]) is BearerTokenAuth, ADAPTER
    assert [child for _prefix, child, *_ in router._routers], ADAPTER


def test_wagtails_routers_keep_their_reads_ours_stay_whole_and_snippets_go():
    api, wagtail, ours = scoped_api()
    assert operations(wagtail) == {("/items/", "GET")}
    assert operations(ours) == {("/items/", "GET"), ("/items/", "POST")}
    prefixes = [registration[0] for registration in api._router_registrations]
    assert prefixes == ["", "/pages/", "/database/"]  # "": the API's own default router
    nested = [child for _prefix, child, *_ in wagtail._routers][0]
    assert operations(nested) == set()  # a nested write-only router serves nothing


def test_what_remains_of_wagtails_routes_takes_tokens_as_ours_do():
    _api, wagtail, _ours = scoped_api()
    [read] = wagtail.path_operations["/items/"].operations
    assert [type(callback) for callback in read.auth_callbacks] == [ExpiringBearerTokenAuth]


def test_the_openapi_document_lists_only_what_is_served():
    api, _wagtail, _ours = scoped_api()
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    assert {path: set(methods) for path, methods in paths.items()} == {
        "/api/pages/items/": {"get"},
        "/api/database/items/": {"get", "post"},
        "/api/database/nested/{pk}/": {"delete"},
    }
