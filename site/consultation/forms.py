"""Admin form of an activity: only the editor's own platforms, and a spine recorded in order."""

from wagtail.admin.forms import WagtailAdminModelForm

from core.committees import editable_sites

from .models import PlatformPage, Spine


class ActivityAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser and "platform" in self.fields:
            roots = [s.root_page.path for s in editable_sites(for_user).select_related("root_page")]
            allowed = PlatformPage.objects.none()
            for root in roots:
                allowed |= PlatformPage.objects.filter(path__startswith=root)
            self.fields["platform"].queryset = allowed

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("steps")
        if formset is None:
            return cleaned
        recorded = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("step") is None:
                continue
            recorded.append((data["step"], data.get("date")))
        steps = [step for step, _ in recorded]
        duplicates = {step for step in steps if steps.count(step) > 1}
        for step in sorted(duplicates):
            self.add_error(None, f"“{Spine(step).label}”只能记录一次。")
        ordered = sorted((s, d) for s, d in recorded if d is not None)
        for (earlier, earlier_date), (later, later_date) in zip(ordered, ordered[1:], strict=False):
            if later != earlier and later_date < earlier_date:
                self.add_error(
                    None,
                    f"“{Spine(later).label}”的日期（{later_date:%Y-%m-%d}）早于"
                    f"“{Spine(earlier).label}”（{earlier_date:%Y-%m-%d}），请按流程顺序填写日期。",
                )
        if steps and any(s > Spine.DELIBERATE for s in steps) and Spine.DELIBERATE not in steps:
            self.add_error(None, "记录公开公示及以后的环节前，须先记录“协商议事”环节。")
        return cleaned
