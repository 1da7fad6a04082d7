"""Each app declares the permissions its records give committee editors (AppConfig
``editor_permissions`` / ``shared_taxonomy_permissions``); core only collects them."""

import pytest
from django.apps import apps

from core.committees import declared_editor_permissions, declared_permission_names


def test_county_editors_get_records_but_not_the_shared_taxonomies():
    county = set(declared_permission_names("county"))
    prefecture = set(declared_permission_names("prefecture"))
    assert {
        "consultation.add_activity",
        "members.add_membership",
        "topics.view_topicsubmission",
    } <= county
    assert "news.add_meetingtype" not in county
    assert "cppcc_search.add_synonymgroup" not in county
    assert {"news.add_meetingtype", "cppcc_search.add_synonymgroup"} <= prefecture
    assert county < prefecture


@pytest.mark.django_db
def test_every_declared_permission_exists_and_a_typo_is_refused(monkeypatch):
    rows = declared_editor_permissions("prefecture")
    assert {f"{p.content_type.app_label}.{p.codename}" for p in rows} == set(
        declared_permission_names("prefecture")
    )
    monkeypatch.setattr(
        apps.get_app_config("news"), "editor_permissions", ("news.add_meetingtypo",), raising=False
    )
    with pytest.raises(LookupError, match="news.add_meetingtypo"):
        declared_editor_permissions("county")
