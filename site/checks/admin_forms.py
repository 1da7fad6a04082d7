"""The form of a list entry: an editor files it under one of their own committees; only the
installation's administrators may leave the site empty (an entry every committee shares)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from core.committees import editable_sites


class ListEntryForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if "site" in self.fields and not (for_user is None or for_user.is_superuser):
            field = self.fields["site"]
            field.queryset = editable_sites(for_user)
            field.required = True
            field.error_messages["required"] = "请选择所属政协站点。"
            field.empty_label = None
            field.help_text = "本条只用于检查本站点的页面"

    def clean_site(self):
        site = self.cleaned_data.get("site")
        user = self.for_user
        if site is None and user is not None and not user.is_superuser:
            raise forms.ValidationError("请选择所属政协站点。")
        return site
