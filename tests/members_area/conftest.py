import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from iisg_pages.members.access import private_collection
from iisg_pages.models import HomePage, MembersAreaPage


@pytest.fixture
def area(world):
    """The members area under a home page, and a private document, over the `world`."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="IISG", slug="iisg"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "IISG"},
    )
    page = home.add_child(instance=MembersAreaPage(title="Members area", slug="members"))
    page.save_revision().publish()
    Document = get_document_model()
    document = Document(title="Board minutes, March 2022", collection=private_collection())
    document.file.save("board-minutes.txt", ContentFile(b"Minutes of the Board."), save=False)
    document.save()
    return {**world, "page": page, "document": document}
