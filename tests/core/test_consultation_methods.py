"""The consultation-method interface: a method declared as data, enabled per site with a
configuration checked against its schema, and its participant rules applied to activities."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from builders import activity_form, committee_with_platforms, make_editor, make_platform
from consultation.models import Activity
from core.models import EnabledMethod, MethodSettings
from core.plugins import (
    DELIBERATE,
    CompositionRule,
    ConsultationMethod,
    ParticipantGroup,
    Step,
    registry,
)


class CouncilMethod(ConsultationMethod):
    """A test method whose composition the site configures (as 1+7+3 is configured)."""

    key = "test_council"
    name = "测试议事法"
    steps = (Step("议事", DELIBERATE),)
    config_schema = {
        "type": "object",
        "properties": {"members": {"type": "integer", "minimum": 0}},
        "additionalProperties": False,
    }
    default_config = {"members": 1}

    def composition_rules(self, config):
        return [
            CompositionRule(
                "council",
                "测试议事法",
                (ParticipantGroup("政协委员", ("member",), config["members"]),),
            )
        ]


@pytest.fixture(autouse=True)
def council_method():
    registry.register(CouncilMethod())
    yield
    registry.unregister(CouncilMethod.key)


def enable(site, config=None):
    setting = MethodSettings.for_site(site)
    setting.save()
    return EnabledMethod.objects.create(setting=setting, key=CouncilMethod.key, config=config or {})


def test_a_step_must_map_onto_the_spine():
    with pytest.raises(ValueError, match="spine"):
        Step("走访", 8)


def test_a_composition_rule_explains_what_is_missing():
    rule = CompositionRule(
        "r", "1+7+3", (ParticipantGroup("各方代表", ("stakeholder", "public_rep"), 3),)
    )
    assert rule.problems({"stakeholder": 1, "public_rep": 1}) == [
        "“1+7+3”要求各方代表至少 3 人（利益相关方、群众代表），现有 2 人。"
    ]
    assert rule.problems({"stakeholder": 2, "public_rep": 1}) == []


class EnablementTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.platforms = committee_with_platforms("liuba")
        cls.other, _ = committee_with_platforms("weixian")

    def test_a_method_is_enabled_on_one_site_only(self):
        enable(self.site, {"members": 3})
        [(method, config)] = registry.enabled_for(self.site)
        self.assertEqual((method.key, config), ("test_council", {"members": 3}))
        self.assertEqual(registry.enabled_for(self.other), [])
        self.assertFalse(registry.is_enabled("test_council", self.other))

    def test_a_disabled_row_or_an_uninstalled_method_contributes_nothing(self):
        row = enable(self.site)
        row.enabled = False
        row.save()
        self.assertEqual(registry.enabled_for(self.site), [])
        row.enabled = True
        row.save()
        registry.unregister("test_council")
        self.assertEqual(registry.enabled_for(self.site), [])

    def test_the_configuration_is_checked_against_the_schema(self):
        setting = MethodSettings.for_site(self.site)
        setting.save()
        row = EnabledMethod(setting=setting, key="test_council", config={"members": "七"})
        with self.assertRaises(ValidationError) as error:
            row.full_clean()
        self.assertIn("members", str(error.exception))
        row.key, row.config = "not_installed", {}
        with self.assertRaisesMessage(ValidationError, "未安装"):
            row.full_clean()


class ActivityMethodTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.platforms = committee_with_platforms("kangxian")
        cls.room = make_platform(cls.platforms, "pingluo")
        cls.editor = make_editor(cls.site, "kangxian-editor")

    def post(self, participants):
        data = activity_form(
            self.room,
            [(1, datetime.date(2024, 3, 1)), (4, datetime.date(2024, 3, 8))],
        )
        data["method"] = "test_council"
        data["participants-TOTAL_FORMS"] = str(len(participants))
        for i, (role, count) in enumerate(participants):
            data.update(
                {
                    f"participants-{i}-role": role,
                    f"participants-{i}-count": str(count),
                    f"participants-{i}-names": "",
                    f"participants-{i}-id": "",
                    f"participants-{i}-DELETE": "",
                }
            )
        self.client.force_login(self.editor)
        return self.client.post(reverse("wagtailsnippets_consultation_activity:add"), data)

    def test_a_method_not_enabled_on_the_platforms_committee_is_refused(self):
        response = self.post([("member", 5)])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "未在本政协启用")
        self.assertFalse(Activity.objects.exists())

    def test_a_deliberated_activity_short_of_the_composition_is_refused_with_the_reason(self):
        enable(self.site, {"members": 3})
        response = self.post([("member", 2), ("public_rep", 4)])
        self.assertContains(response, "要求政协委员至少 3 人（政协委员），现有 2 人")
        self.assertFalse(Activity.objects.exists())

    def test_an_activity_meeting_the_rules_is_saved_with_its_method(self):
        enable(self.site, {"members": 3})
        response = self.post([("member", 3)])
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Activity.objects.get().method, "test_council")

    def test_a_new_activity_proposes_the_one_method_the_committee_runs(self):
        self.client.force_login(self.editor)
        url = reverse("wagtailsnippets_consultation_activity:add")
        form = self.client.get(url).context["form"]
        self.assertEqual(form["method"].value(), None)
        enable(self.site, {"members": 3})
        form = self.client.get(url).context["form"]
        self.assertEqual(form["method"].value(), "test_council")
