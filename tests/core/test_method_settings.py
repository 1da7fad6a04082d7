"""Settings → 协商工作法（插件）: every installed method listed with its switch and a form
generated from its configuration schema; what is saved is what the registry then reports."""

import json

from django.contrib.auth import get_user_model
from django.test import TestCase

from builders import make_committee
from core.method_settings import config_field, enabled_field
from core.models import EnabledMethod, MethodSettings
from core.plugins import registry

BENCH_CONFIG = {
    "follow_up_days": 15,
    "groups": [{"label": "政协委员", "roles": ["member"], "minimum": 2}],
}


class MethodSettingsAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("xqu")
        cls.other = make_committee("suzhou")
        cls.admin = get_user_model().objects.create_superuser("root", "r@example.com", "x")

    def setUp(self):
        self.client.force_login(self.admin)

    def url(self, site=None):
        return f"/admin/settings/core/methodsettings/{(site or self.site).pk}/"

    def post(self, overrides, site=None):
        """The form as the browser sends it: every installed method's switch and JSON."""
        data = {}
        for method in registry.all():
            data[config_field(method.key)] = json.dumps(method.default_config)
        data.update(overrides)
        return self.client.post(self.url(site), data)

    def test_every_installed_method_is_listed_with_a_generated_form(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        for method in registry.all():
            self.assertContains(response, method.name)
            self.assertContains(response, f'name="{enabled_field(method.key)}"')
            self.assertContains(response, f'name="{config_field(method.key)}"')
        self.assertContains(response, "data-django-jsonform")
        self.assertContains(response, "follow_up_days")  # the schema, for the generated form

    def test_enabling_a_method_saves_its_configuration_for_this_site_only(self):
        response = self.post(
            {enabled_field("bench"): "on", config_field("bench"): json.dumps(BENCH_CONFIG)}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(registry.is_enabled("bench", self.site))
        self.assertEqual(registry.config_for("bench", self.site)["follow_up_days"], 15)
        self.assertFalse(registry.is_enabled("bench", self.other))
        self.assertFalse(registry.is_enabled("three_in_one", self.site))
        self.assertFalse(EnabledMethod.objects.filter(key="three_in_one").exists())

    def test_unticking_disables_and_keeps_the_configuration(self):
        self.post({enabled_field("bench"): "on", config_field("bench"): json.dumps(BENCH_CONFIG)})
        self.post({config_field("bench"): json.dumps(BENCH_CONFIG)})
        self.assertFalse(registry.is_enabled("bench", self.site))
        row = EnabledMethod.objects.get(key="bench", setting__site=self.site)
        self.assertEqual(row.config["follow_up_days"], 15)

    def test_an_invalid_configuration_is_explained_and_nothing_is_saved(self):
        bad = {"groups": [{"label": "市长", "roles": ["mayor"], "minimum": 1}]}
        response = self.post({enabled_field("bench"): "on", config_field("bench"): json.dumps(bad)})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "groups/0/roles/0")
        self.assertFalse(registry.is_enabled("bench", self.site))

    def test_campaign_dates_in_the_wrong_order_are_refused(self):
        config = {"campaigns": [{"name": "倒置", "start": "2023-06-01", "end": "2023-05-01"}]}
        response = self.post(
            {enabled_field("youshi"): "on", config_field("youshi"): json.dumps(config)}
        )
        self.assertContains(response, "开始日期晚于结束日期")
        self.assertFalse(MethodSettings.objects.filter(methods__key="youshi").exists())

    def test_an_empty_configuration_falls_back_to_the_defaults(self):
        self.post({enabled_field("youshi"): "on", config_field("youshi"): ""})
        guidance = registry.config_for("youshi", self.site)["guidance"]
        self.assertEqual(guidance["name"], "四心")

    def test_editors_cannot_change_which_methods_a_site_runs(self):
        from django.contrib.auth.models import Group

        from core.committees import editor_group_name

        editor = get_user_model().objects.create_user("xqu-editor", password="x")
        editor.groups.add(Group.objects.get(name=editor_group_name(self.site.site_name)))
        self.client.force_login(editor)
        response = self.post({enabled_field("bench"): "on"})
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(registry.is_enabled("bench", self.site))


class PluginPermissionTest(TestCase):
    def test_existing_editor_groups_get_a_new_plugins_permissions_after_migrate(self):
        from django.contrib.auth.models import Group

        from core.committees import editor_group_name, grant_declared_permissions

        site = make_committee("lixian")
        group = Group.objects.get(name=editor_group_name(site.site_name))
        group.permissions.remove(*group.permissions.filter(content_type__app_label="youshi"))
        self.assertFalse(group.permissions.filter(codename="add_coverageunit").exists())
        grant_declared_permissions(using="default")
        self.assertTrue(group.permissions.filter(codename="add_coverageunit").exists())
        self.assertFalse(group.permissions.filter(codename="add_enabledmethod").exists())
