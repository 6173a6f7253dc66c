"""The admin's document form: uploads within IISG_MAX_UPLOAD_SIZE, under names safe to store
(WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from wagtail.documents.forms import BaseDocumentForm

from cms.security.uploads import check_upload_size, normalised_filename


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_upload_size(file)
            file.name = normalised_filename(file.name, default="document")
        return file
