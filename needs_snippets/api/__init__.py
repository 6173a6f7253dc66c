"""The secure database's routes on Wagtail's API v3 (added by `NeedsSnippetsConfig.ready`)."""


def register_routes(api):
    """Add the public reference data and the members' secure database to `api`."""
    from . import database, editions, iati, reference

    api.add_router("/", reference.router)
    api.add_router("/", database.router)
    api.add_router("/", editions.router)
    api.add_router("/", iati.members_router)
    api.add_router("/", iati.public_router)
