"""The Secretariat's image uploads: a picture cut short or corrupt is refused with the form's
message, one by one and in the multiple uploader; a whole picture is kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from needs_snippets.roles import SECRETARIAT
from tests.factories import UserFactory


def picture(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "teal").save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
def secretariat(client, db):
    client.force_login(UserFactory(username="editor", groups=[SECRETARIAT]))
    return client


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cut.jpg", picture("JPEG")[: len(picture("JPEG")) // 2]),
        ("cut.webp", picture("WEBP")[:20]),
    ],
)
def test_a_picture_cut_short_is_refused_not_a_500(secretariat, name, content):
    root = Collection.get_first_root_node().pk
    one = secretariat.post(
        "/admin/images/add/",
        {"title": "Cut", "collection": root, "file": SimpleUploadedFile(name, content)},
    )
    assert one.status_code == 200
    [error] = one.context["form"].errors["file"]
    assert "either not an image or a corrupted image" in error
    several = secretariat.post(
        "/admin/images/multiple/add/",
        {"collection": root, "files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert several.status_code == 200 and several.json()["success"] is False
    assert not get_image_model().objects.exists()


def test_a_whole_picture_is_kept(secretariat):
    root = Collection.get_first_root_node().pk
    added = secretariat.post(
        "/admin/images/add/",
        {
            "title": "Teal",
            "collection": root,
            "file": SimpleUploadedFile("teal.png", picture("PNG")),
        },
    )
    assert added.status_code == 302
    several = secretariat.post(
        "/admin/images/multiple/add/",
        {"collection": root, "files[]": SimpleUploadedFile("more.png", picture("PNG"))},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert several.json()["success"] is True
    image = get_image_model().objects.get(title="more.png")
    edited = secretariat.post(
        f"/admin/images/multiple/{image.pk}/",
        {f"image-{image.pk}-title": "More teal", f"image-{image.pk}-collection": root},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert edited.json()["success"] is True
    assert sorted(get_image_model().objects.values_list("title", flat=True)) == [
        "More teal", "Teal",
    ]  # fmt: skip
