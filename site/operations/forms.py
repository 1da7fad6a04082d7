"""The admin form that uploads an archive for import: an editor picks one of their own
committees' sites; the file is bounded in size and must be JSON Lines."""

from django import forms
from django.conf import settings
from wagtail.admin.forms import WagtailAdminModelForm

from core.committees import editable_sites

ARCHIVE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".txt")


class ArchiveImportForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = editable_sites(for_user).order_by("site_name")
        if self.instance.pk:  # an import is not changed after upload: upload another
            for field in self.fields.values():
                field.disabled = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or self.instance.pk:
            return upload
        limit = settings.ARCHIVE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1048576:.1f} MB），上限为 {limit // 1048576} MB；"
                "请拆分后分批上传，或由管理员用 manage.py import_archive 导入。"
            )
        if not upload.name.lower().endswith(ARCHIVE_SUFFIXES):
            raise forms.ValidationError("请上传 JSON Lines 文件（.jsonl），每行一条新闻。")
        return upload

    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.uploaded_by = self.for_user
        return super().save(commit)
