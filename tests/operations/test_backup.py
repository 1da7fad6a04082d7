"""manage.py backup and restore, on whichever database the suite runs on (SQLite, or PostgreSQL
with pg_dump/pg_restore when DATABASE_URL says so): backup, wipe, restore gives the same counts
and the same content checksums; a damaged backup is refused before anything changes."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Page

from builders import ensure_wagtail_root, make_committee, make_image
from home.models import HomePage
from operations import backup as backups

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content():
    ensure_wagtail_root()
    site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
    for i in range(3):
        page = HomePage(title=f"页面{i}", slug=f"page-{i}")
        site.root_page.add_child(instance=page)
        page.save_revision().publish()
    image = make_image("会场")
    return site, image


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_backup_wipe_restore_gives_the_same_database_and_media(content, tmp_path):
    site, image = content
    before_state = backups.current_state()
    before_media = media_files()
    assert before_media, "the image file is in MEDIA_ROOT"
    destination = tmp_path / "backup-1"

    out = run("backup", str(destination))
    assert "备份完成" in out
    manifest = json.loads((destination / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["counts"] == before_state["counts"]
    assert manifest["content"] == before_state["content"]
    assert manifest["counts"]["wagtailcore_page"] == Page.objects.count()
    assert set(manifest["media"]) == set(before_media)
    dump = destination / manifest["database"]["file"]
    assert manifest["database"]["sha256"] == backups.sha256_file(dump)

    # Wipe: pages and the image go, a page is renamed, an image file is lost.
    Page.objects.filter(slug__in=["page-0", "page-1"]).delete()
    Page.objects.filter(slug="page-2").update(title="改过的标题")
    get_image_model().objects.all().delete()
    for relative in before_media:
        (Path(settings.MEDIA_ROOT) / relative).unlink(missing_ok=True)
    assert backups.current_state() != before_state

    out = run("restore", str(destination), "--noinput")
    assert "恢复完成并已核对" in out
    assert backups.current_state() == before_state
    assert media_files() == before_media
    assert Page.objects.get(slug="page-2").title == "页面2"
    assert get_image_model().objects.get(pk=image.pk).title == "会场"


def test_a_damaged_backup_is_refused_before_anything_changes(content, tmp_path):
    destination = tmp_path / "backup-2"
    run("backup", str(destination))
    manifest = json.loads((destination / "manifest.json").read_text())
    Page.objects.filter(slug="page-0").delete()
    after_wipe = backups.current_state()

    damaged = destination / "media" / next(iter(manifest["media"]))
    damaged.write_bytes(b"not the image")
    with pytest.raises(CommandError, match="备份校验失败，未做任何改动：校验和不符 media/"):
        run("restore", str(destination), "--noinput")
    assert backups.current_state() == after_wipe

    (destination / manifest["database"]["file"]).unlink()
    with pytest.raises(CommandError, match="缺少文件 database"):
        run("restore", str(destination), "--noinput")


def test_a_backup_never_overwrites_and_is_complete_or_absent(content, tmp_path, monkeypatch):
    destination = tmp_path / "backup-3"
    destination.mkdir()
    with pytest.raises(CommandError, match="已存在"):
        run("backup", str(destination))

    other = tmp_path / "backup-4"

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backups, "_copy_tree", broken)
    with pytest.raises(OSError):
        run("backup", str(other))
    assert not other.exists()
    assert list(tmp_path.glob(".backup-4*")) == []

    with pytest.raises(CommandError, match="不是完整的备份"):
        run("restore", str(tmp_path), "--noinput")


def test_database_only(content, tmp_path):
    destination = tmp_path / "backup-5"
    run("backup", str(destination), "--no-media")
    assert json.loads((destination / "manifest.json").read_text())["media"] is None
    assert not (destination / "media").exists()
    Page.objects.filter(slug="page-0").delete()
    run("restore", str(destination), "--noinput", "--no-media")
    assert Page.objects.filter(slug="page-0").exists()
