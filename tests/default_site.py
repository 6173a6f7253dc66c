"""The home page of the default site, as tests that need a site to serve pages set it up."""

from wagtail.models import Page, Site

from iisg_pages.models import HomePage


def default_site_home():
    """A new home page ("IISG", slug "iisg") under Wagtail's root, made the root page of the
    default site (localhost, port 80, named "IISG"); it is not published as a revision."""
    home = Page.get_first_root_node().add_child(instance=HomePage(title="IISG", slug="iisg"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "IISG"},
    )
    return home
