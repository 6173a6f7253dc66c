import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from iisg_pages.members.access import private_collection
from iisg_pages.models import MembersAreaPage
from tests.default_site import default_site_home


@pytest.fixture
def area(world):
    """The members area under a home page, and a private document, over the `world`."""
    home = default_site_home()
    page = home.add_child(instance=MembersAreaPage(title="Members area", slug="members"))
    page.save_revision().publish()
    Document = get_document_model()
    document = Document(title="Board minutes, March 2022", collection=private_collection())
    document.file.save("board-minutes.txt", ContentFile(b"Minutes of the Board."), save=False)
    document.save()
    return {**world, "page": page, "document": document}
