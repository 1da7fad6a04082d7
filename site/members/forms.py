"""Admin forms of the member records: an editor picks only their own committees' members,
terms and sites."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from core.committees import editable_sites, pages_in_editable_sites

from .models import MemberPage, Term


class SiteRecordAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is None or for_user.is_superuser:
            return
        if "site" in self.fields:
            self.fields["site"].queryset = editable_sites(for_user)
        if "term" in self.fields:
            self.fields["term"].queryset = Term.objects.filter(site__in=editable_sites(for_user))

    def clean_member(self):
        member = self.cleaned_data.get("member")
        user = self.for_user
        if member is not None and user is not None and not user.is_superuser:
            if not pages_in_editable_sites(MemberPage, user).filter(pk=member.pk).exists():
                raise forms.ValidationError("只能选择本政协的委员。")
        return member
