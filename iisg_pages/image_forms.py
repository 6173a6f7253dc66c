"""The admin's image form: a file Pillow cannot read to its end (cut short, corrupt) is a form
error like any other file that is no image, not a 500 (WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail's image field opens the file with Willow, then reads its size, where Pillow raises
OSError for a truncated JPEG or WebP; only Willow's opening is caught there."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ReadableImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, ValueError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    file = ReadableImageField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in (self._meta.exclude or ()):  # the multiple uploader's edit form
            del self.fields["file"]
