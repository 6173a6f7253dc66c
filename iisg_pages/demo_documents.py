"""The demo's private documents, read from `demo_data/private_documents.json` and checked on
load: each names a file in `demo_data/private_documents/`, uploaded to the Members collection
under its title and served to signed-in members only. A missing field or file, a document that
does not say it is illustrative, or a lessons-learnt paper that is not listed stops `load_demo`
with a message naming the file, the document and what to fix (needs_snippets.demo.rows.JsonFile).
"""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from needs_snippets.demo.rows import JsonFile, display_path
from needs_snippets.models import MappingCycle

from .members.access import private_collection

DOCUMENTS_FILE = Path(__file__).parent / "demo_data" / "private_documents.json"
MARKER = "illustrative"


def _document(file, item, where):
    """(title, file name, content) of one listed document; its file lies in the folder named
    like the list, beside it."""
    title, name = file.fields(item, ("title", "file"), where)
    file.text(title, where, "the title")
    if MARKER not in title:
        file.fail(where, f"the title {title!r} must say that the document is {MARKER}")
    folder = file.path.with_suffix("")
    path = folder / file.text(name, where, "the file")
    if path.parent != folder or not path.is_file():
        file.fail(where, f"{name!r} is not a file in {display_path(folder)}")
    content = path.read_bytes()
    if MARKER not in content.decode("utf-8", errors="replace").lower():
        file.fail(where, f"the text of {name} must say that the document is {MARKER}")
    return title, name, content


def read(path=None):
    """The documents as (title, file name, content) tuples, the lessons-learnt paper's title
    and the retired titles, checked."""
    file = JsonFile(path or DOCUMENTS_FILE)
    data = file.read()
    items, lessons_learnt, retired = file.fields(
        data, ("documents", "lessons_learnt", "retired"), "the file"
    )
    documents = [
        _document(file, item, f"document {number}")
        for number, item in enumerate(file.entries(items, "documents"), start=1)
    ]
    titles = [title for title, _name, _content in documents]
    file.choice(lessons_learnt, titles, "lessons_learnt", "the title")
    for number, title in enumerate(file.entries(retired, "retired"), start=1):
        file.text(title, f"retired {number}", "the title")
    return {"documents": documents, "lessons_learnt": lessons_learnt, "retired": retired}


def load_private_documents():
    """The demo documents in the Members collection (the retired ones deleted), the needs
    cycle's lessons-learnt paper among them."""
    data = read()
    Document = get_document_model()
    collection = private_collection()
    # Wagtail deletes a document's file once the transaction commits.
    Document.objects.filter(title__in=data["retired"], collection=collection).delete()
    for title, name, content in data["documents"]:
        if Document.objects.filter(title=title, collection=collection).exists():
            continue
        document = Document(title=title, collection=collection)
        document.file.save(name, ContentFile(content), save=False)
        document.save()
    lessons_learnt = Document.objects.filter(title=data["lessons_learnt"], collection=collection)
    MappingCycle.objects.filter(
        kind=MappingCycle.Kind.NEEDS, edition="2021–2022", lessons_learnt=None
    ).update(lessons_learnt=lessons_learnt.first())
