"""Uploaded templates are kept as documents of a collection only the Secretariat may open.

Not the members' collection: a member's responses template holds its restricted responses,
and a partner's needs template is its own input, neither for every member to read.
"""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from ..roles import SECRETARIAT

IMPORTS_COLLECTION = "Imported templates"


def imports_collection():
    """The collection of uploaded templates, restricted to the Secretariat (made when first
    needed)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=IMPORTS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=IMPORTS_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    if restriction.restriction_type != CollectionViewRestriction.GROUPS:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.save(update_fields=["restriction_type"])
    restriction.groups.set(Group.objects.filter(name=SECRETARIAT))
    return collection


def keep(data, filename, user):
    """Store the uploaded bytes as a document of the imports collection."""
    Document = get_document_model()
    document = Document(
        title=f"Template upload: {filename}", collection=imports_collection(), uploaded_by_user=user
    )
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document
