"""Which of Wagtail's own API v3 routes this product serves: reads only.

Headless clients read pages, images, documents and sites through Wagtail's routes; the only
writes are the secure database's responses (our routes). Editors write content in the admin,
where workflows and approvals apply. Removing the write routes also keeps them out of the
OpenAPI document, and keeps Wagtail 8.0's preview write routes (which answer some malformed
requests with a server error) out of reach.

Two of Wagtail's routers are dropped altogether: the generic snippet routes (no snippet model
is exposed through them; the secure database has its own routes, with its own rules) and the
redirects (they would name the ids of restricted and unpublished pages to anybody).

Wagtail's routes that remain authenticate tokens as ours do, expiry included.

This is the one module that reaches into django-ninja's internals (`NinjaAPI._router_registrations`
and `_routers`, `Router.path_operations` and `_routers`, each operation's `methods` and
`auth_callbacks`; each router's `auth` too, which is public): Wagtail 8's API offers no public
way to serve part of its routes.
tests/api/test_route_scope.py pins them, so an upgrade that changes them fails there.
"""

from wagtail.api.v3.auth import BearerTokenAuth

from .auth import ExpiringBearerTokenAuth

DROPPED_PREFIXES = ("/snippets/", "/redirects/")


def _expiring(callback):
    return ExpiringBearerTokenAuth() if type(callback) is BearerTokenAuth else callback


def _with_expiring_tokens(operation):
    operation.auth_callbacks = [_expiring(callback) for callback in operation.auth_callbacks]


def _reads_only(router):
    # A router's own auth reaches its operations only when the API's URLs are built.
    if isinstance(router.auth, (list, tuple)):
        router.auth = [_expiring(callback) for callback in router.auth]
    else:
        router.auth = _expiring(router.auth)
    for path, view in list(router.path_operations.items()):
        view.operations = [op for op in view.operations if "GET" in op.methods]
        for operation in view.operations:
            _with_expiring_tokens(operation)
        if not view.operations:
            del router.path_operations[path]
    for _prefix, child, *_rest in router._routers:
        _reads_only(child)


def serve_wagtail_reads_only(api, own_routers):
    """Prune `api`'s Wagtail routers to their GET routes (keeping `own_routers` whole), and
    drop the snippet and redirect routes. Call once, before `api.urls` is first built."""
    registrations = []
    for registration in api._router_registrations:
        prefix, router = registration[0], registration[1]
        if router in own_routers:
            registrations.append(registration)
        elif prefix not in DROPPED_PREFIXES:
            _reads_only(router)
            registrations.append(registration)
    api._router_registrations = registrations
    api._routers = [(r[0], r[1]) for r in registrations]
