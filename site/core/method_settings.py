"""The admin form of 协商工作法（插件）: every installed method listed with an 启用 switch and a
configuration form generated from the method's JSON schema (django-jsonform), validated with
jsonschema before the per-site rows are written."""

from django import forms
from django_jsonform.forms.fields import JSONFormField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList, Panel

from core.plugins import registry


class MethodConfigField(JSONFormField):
    """The generated editor, validated by the method (jsonschema, with paths in the messages)
    rather than by django-jsonform's own validator, which also demands every optional key."""

    def validate(self, value):
        forms.JSONField.validate(self, value)


def prune_empty(value):
    """Drop the blanks the editor sends for fields left empty (``""``/``None``), so that
    optional settings are simply absent."""
    if isinstance(value, dict):
        return {k: prune_empty(v) for k, v in value.items() if v not in ("", None)}
    if isinstance(value, list):
        return [prune_empty(v) for v in value]
    return value


def enabled_field(key):
    return f"method_{key}_enabled"


def config_field(key):
    return f"method_{key}_config"


class MethodSettingsForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = {}
        if self.instance.pk:
            from core.models import EnabledMethod

            rows = {row.key: row for row in EnabledMethod.objects.filter(setting=self.instance)}
        for method in registry.all():
            row = rows.get(method.key)
            self.fields[enabled_field(method.key)] = forms.BooleanField(
                label=f"在本站启用“{method.name}”",
                required=False,
                initial=bool(row and row.enabled),
            )
            self.fields[config_field(method.key)] = MethodConfigField(
                label="配置",
                schema=method.config_schema,
                required=False,
                initial=method.config_with_defaults(row.config if row else {}),
            )

    def clean(self):
        cleaned = super().clean()
        for method in registry.all():
            name = config_field(method.key)
            config = cleaned.get(name)
            if config in (None, ""):
                cleaned[name] = config = {}
            if not isinstance(config, dict):
                self.add_error(name, "配置应为一组键值。")
                continue
            cleaned[name] = config = prune_empty(config)
            problems = method.validate_config(config)
            if problems:
                self.add_error(name, problems)
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            self.save_methods(instance)
        return instance

    def save_methods(self, instance):
        from core.models import EnabledMethod

        for method in registry.all():
            enabled = self.cleaned_data.get(enabled_field(method.key), False)
            config = self.cleaned_data.get(config_field(method.key)) or {}
            row = EnabledMethod.objects.filter(setting=instance, key=method.key).first()
            if row is None and not enabled:
                continue
            if row is None:
                row = EnabledMethod(setting=instance, key=method.key)
            row.enabled = enabled
            row.config = config
            row.save()


class InstalledMethodsPanel(Panel):
    """One block per installed method: its brand, steps and the fields of MethodSettingsForm."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/installed_methods_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["methods"] = [
                {
                    "method": method,
                    "enabled": self.form[enabled_field(method.key)],
                    "config": self.form[config_field(method.key)],
                    "page_types": [m._meta.verbose_name for m in method.page_types()],
                }
                for method in registry.all()
            ]
            return context


class MethodSettingsObjectList(ObjectList):
    """The edit handler of 协商工作法（插件）: the method fields are rendered by
    InstalledMethodsPanel, not again as "missing" fields at the end of the form."""

    class BoundPanel(ObjectList.BoundPanel):
        def render_missing_fields(self):
            from django.utils.safestring import mark_safe

            return mark_safe(
                "".join(
                    str(self.form[name])
                    for name in self.form.fields
                    if not name.startswith("method_")
                    and name not in self.panel.get_form_options().get("fields", [])
                )
            )
