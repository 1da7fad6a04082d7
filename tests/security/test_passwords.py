"""The password policy: at least 10 characters from three of upper case, lower case, digits
and symbols, refused in Chinese by Wagtail's own password forms."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from .helpers import PASSWORD, make_user


@pytest.mark.parametrize(
    "password",
    ["cppcc-demo-2026", "Zhengxie2026", "政协网站Admin2026", "correct horse battery 9"],
)
def test_passwords_of_three_classes_and_ten_characters_pass(password):
    validate_password(password)


@pytest.fixture(autouse=True)
def _chinese():
    """What the admin's requests run in (LocaleMiddleware, LANGUAGE_CODE zh-hans)."""
    with translation.override("zh-hans"):
        yield


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-xyz", "密码长度太短。密码必须包含至少 10 个字符。"),
        ("zhengxiewangzhan", "密码须至少包含大写字母、小写字母、数字、符号中的 3 类字符。"),
        ("zhengxie2026", "（当前只含小写字母、数字）"),
        ("ZHENGXIE-WANG", "（当前只含大写字母、符号）"),
    ],
)
def test_short_or_simple_passwords_are_refused_in_chinese(password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages), refused.value.messages


class WagtailForms(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_changing_ones_own_password_to_a_simple_one_is_refused_in_chinese(self):
        response = self.client.post(
            "/admin/account/",
            {
                "password-old_password": PASSWORD,
                "password-new_password1": "zhengxie2026",
                "password-new_password2": "zhengxie2026",
            },
        )
        self.assertContains(response, "密码须至少包含大写字母、小写字母、数字、符号中的 3 类字符")
        self.admin.refresh_from_db()
        self.assertTrue(self.admin.check_password(PASSWORD))

    def test_an_administrator_cannot_give_a_new_user_a_short_password(self):
        response = self.client.post(
            "/admin/users/new/",
            {
                "username": "pingliang-editor",
                "email": "p@example.cn",
                "first_name": "平",
                "last_name": "凉",
                "password1": "Ab1-xyz",
                "password2": "Ab1-xyz",
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "密码长度太短。密码必须包含至少 10 个字符。")
        self.assertFalse(get_user_model().objects.filter(username="pingliang-editor").exists())
