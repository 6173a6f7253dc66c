"""Demo public site: the home page, made the site's root."""

from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRODUCTION = (
    "The Integrative Internal Security Governance (IISG) aims to improve the collective "
    "efficiency of security actions and actors in the Western Balkans and so support the "
    "European perspective of the region."
)
HOME_BODY = (
    "<p>One of the main outcomes of the IISG process is to map the needs of the Western Balkans "
    "and the corresponding responses by IISG members in all three IISG pillars. Identifying "
    "the needs allows a subsequent identification of responses and, ultimately, the analysis "
    "of gaps, synergies and approaches.</p>"
)


def load_home_page():
    """Create the home page and point the default site at it, once. Returns True if created."""
    if HomePage.objects.exists():
        return False
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="IISG — Integrative Internal Security Governance",
            slug="iisg",
            introduction=HOME_INTRODUCTION,
            body=HOME_BODY,
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "IISG Hub"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="IISG Hub",
        )
    # Wagtail's placeholder "Welcome" page goes once nothing points at it.
    if previous_root and previous_root.specific_class is Page and previous_root.depth == 2:
        previous_root.delete()
    return True
