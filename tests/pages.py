"""The page tree as the tests build it: a page added and published at once, a page's latest
revision published with what waits for the commit."""


def add(parent, page):
    """Add `page` under `parent` and publish its first revision; returns the page."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(page, django_capture_on_commit_callbacks):
    """Publish the page's latest revision and run what waits for the commit (the PDF)."""
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    return page
