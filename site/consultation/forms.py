"""Admin form of an activity: only the editor's own platforms, a spine recorded in order, and
the county method's rules (enabled on the platform's site, participant composition)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from core.committees import editable_sites, pages_in_editable_sites
from core.plugins import registry

from .models import PlatformPage, Spine


class ActivityAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser and "platform" in self.fields:
            self.fields["platform"].queryset = pages_in_editable_sites(PlatformPage, for_user)
        if "method" in self.fields:
            self.fields["method"] = forms.ChoiceField(
                label="协商工作法",
                required=False,
                choices=[("", "通用流程（七个环节）"), *registry.choices()],
                help_text="本活动遵循的区县协商工作法；须已在该政协的“协商工作法（插件）”设置中启用。",
            )
            if for_user is not None and not self.instance.pk and not self.is_bound:
                # A new activity follows the method the editor's committee runs, if just one.
                keys = {
                    method.key
                    for site in editable_sites(for_user)[:20]
                    for method, _ in registry.enabled_for(site)
                }
                if len(keys) == 1:
                    self.initial["method"] = keys.pop()

    def is_valid(self):
        # The child formsets are validated after clean(), and their uniqueness check drops the
        # data of duplicate rows: read the step rows first, check the spine at the end.
        recorded = self.recorded_steps()
        participants = self.participant_counts()
        valid = super().is_valid()
        errors = self.spine_errors(recorded)
        if valid:
            errors += self.method_errors(recorded, participants)
        for error in errors:
            self.add_error(None, error)
        return valid and not errors

    def recorded_steps(self):
        formset = self.formsets.get("steps")
        if formset is None or not formset.is_bound:
            return []
        recorded = []
        for form in formset.forms:
            if not form.is_valid():
                continue
            data = form.cleaned_data
            if data.get("DELETE") or data.get("step") is None:
                continue
            recorded.append((data["step"], data.get("date")))
        return recorded

    def participant_counts(self):
        formset = self.formsets.get("participants")
        counts = {}
        if formset is None or not formset.is_bound:
            return counts
        for form in formset.forms:
            if not form.is_valid():
                continue
            data = form.cleaned_data
            if data.get("DELETE") or not data.get("role"):
                continue
            counts[data["role"]] = counts.get(data["role"], 0) + (data.get("count") or 0)
        return counts

    def method_errors(self, recorded, participants):
        """The method must be enabled on the platform's committee; once deliberated (协商议事),
        the participants must meet its composition rules."""
        key = self.cleaned_data.get("method")
        platform = self.cleaned_data.get("platform")
        if not key or platform is None:
            return []
        site = platform.get_site()
        method = registry.get(key)
        config = registry.config_for(key, site)
        if method is None or config is None:
            return [f"协商工作法“{method.name if method else key}”未在本政协启用。"]
        if not any(step >= Spine.DELIBERATE for step, _ in recorded):
            return []
        return method.check_participants(participants, config)

    @staticmethod
    def spine_errors(recorded):
        """Why the recorded (step, date) rows are not one pass along the spine ([] if they are)."""
        errors = []
        steps = [step for step, _ in recorded]
        for step in sorted({step for step in steps if steps.count(step) > 1}):
            errors.append(f"“{Spine(step).label}”只能记录一次。")
        ordered = sorted((s, d) for s, d in recorded if d is not None)
        for (earlier, earlier_date), (later, later_date) in zip(ordered, ordered[1:], strict=False):
            if later != earlier and later_date < earlier_date:
                errors.append(
                    f"“{Spine(later).label}”的日期（{later_date:%Y-%m-%d}）早于"
                    f"“{Spine(earlier).label}”（{earlier_date:%Y-%m-%d}），请按流程顺序填写日期。"
                )
        if steps and any(s > Spine.DELIBERATE for s in steps) and Spine.DELIBERATE not in steps:
            errors.append("记录公开公示及以后的环节前，须先记录“协商议事”环节。")
        return errors
