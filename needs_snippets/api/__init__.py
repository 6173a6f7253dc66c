"""The secure database's routes on Wagtail's API v3 (added by `NeedsSnippetsConfig.ready`)."""


def register_routes(api):
    """Add the public reference data and the members' secure database to `api`."""
    from . import database, reference

    api.add_router("/", reference.router)
    api.add_router("/", database.router)
