"""An image's description (its alternative text) is required, with a Chinese message (issue 21):
an upload without one is refused, with one it is stored."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import UploadedFile

from builders import make_committee, make_editor
from core.committees import committee_collection
from core.image_forms import DESCRIPTION_REQUIRED


def image_upload(name="huichang.png"):
    image = get_test_image_file(filename=name)
    return SimpleUploadedFile(name, image.file.getvalue(), content_type="image/png")


class ImageDescriptionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("gaotai", "高台县政协")
        cls.collection = committee_collection("高台县政协")
        cls.editor = make_editor(cls.site)

    def setUp(self):
        self.client.force_login(self.editor)

    def upload(self, description):
        return self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "会场",
                "file": image_upload(),
                "description": description,
                "collection": self.collection.pk,
                "tags": "",
            },
        )

    def test_an_upload_without_a_description_is_refused_in_chinese(self):
        for description in ("", "   "):
            response = self.upload(description)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.context["form"].errors["description"], [DESCRIPTION_REQUIRED])
            self.assertContains(response, DESCRIPTION_REQUIRED)
        self.assertFalse(Image.objects.exists())

    def test_an_upload_with_a_description_is_stored(self):
        response = self.upload("委员在会场发言")
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        self.assertEqual(image.description, "委员在会场发言")
        self.assertEqual(image.default_alt_text, "委员在会场发言")

    def test_the_form_labels_the_description_as_alternative_text(self):
        response = self.client.get(reverse("wagtailimages:add"))
        self.assertContains(response, "图片说明（替代文字）")

    def test_several_images_wait_for_their_descriptions(self):
        """The multiple uploader keeps a file until its form, description included, is filled
        in: no image without alternative text is created."""
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": image_upload(), "collection": self.collection.pk},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())
        uploaded = UploadedFile.objects.get()
        self.assertIn("图片说明（替代文字）", response.json()["form"])
        prefix = f"uploaded-image-{uploaded.pk}"
        url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(uploaded.pk,))
        refused = self.client.post(
            url,
            {
                f"{prefix}-title": "会场",
                f"{prefix}-description": "",
                f"{prefix}-collection": self.collection.pk,
                f"{prefix}-tags": "",
            },
        )
        self.assertFalse(refused.json()["success"])
        self.assertIn(DESCRIPTION_REQUIRED, refused.json()["form"])
        stored = self.client.post(
            url,
            {
                f"{prefix}-title": "会场",
                f"{prefix}-description": "委员在会场发言",
                f"{prefix}-collection": self.collection.pk,
                f"{prefix}-tags": "",
            },
        )
        self.assertTrue(stored.json()["success"])
        self.assertEqual(Image.objects.get().description, "委员在会场发言")
