"""The image form of the admin (WAGTAILIMAGES_IMAGE_FORM_BASE): an image's description, read out
as its alternative text wherever no other is given, is required, with a Chinese message.
Wagtail only warns, in English. Uploading several images stores each file until its form,
with the description, is filled in (Wagtail's handling of a required metadata field)."""

from django.core.exceptions import ValidationError
from wagtail.images.forms import BaseImageForm

DESCRIPTION_LABEL = "图片说明（替代文字）"
DESCRIPTION_HELP = "用一句话说明图片内容，例如“委员在会场发言”，供视障读者的读屏软件朗读。"
DESCRIPTION_REQUIRED = "请填写图片说明（替代文字），例如“委员在会场发言”。"


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = DESCRIPTION_LABEL
            field.help_text = DESCRIPTION_HELP
            field.error_messages["required"] = DESCRIPTION_REQUIRED

    def clean_description(self):
        description = (self.cleaned_data.get("description") or "").strip()
        if not description:
            raise ValidationError(DESCRIPTION_REQUIRED, code="required")
        return description
