"""Backup and restore of the database and the media files (manage.py backup / restore).

A backup is a directory:

- ``database.dump`` (PostgreSQL: ``pg_dump`` custom format) or ``database.sqlite3`` (SQLite:
  a copy made with the online backup API, consistent while the site runs);
- ``media/``, a copy of MEDIA_ROOT;
- ``manifest.json``, written last (a directory without it is not a backup): the SHA-256 of the
  dump and of every media file, the row count of every table and content checksums of the
  pages, their revisions and the sites, all taken from the same snapshot as the dump.

A restore verifies every checksum before it touches anything, replaces the database (PostgreSQL:
``pg_restore --clean --if-exists`` in one transaction; SQLite: the backup API copying into the
open database, atomically), copies the media files back, then counts again and compares.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024

# Content checksums: what a reader sees (pages, their revisions, the sites), normalised so that
# PostgreSQL and SQLite rows of equal content hash equally.
CONTENT_QUERIES = {
    "pages": (
        "SELECT id, path, depth, title, slug, live, content_type_id, url_path "
        "FROM wagtailcore_page ORDER BY id"
    ),
    "revisions": (
        "SELECT id, object_id, base_content_type_id, content FROM wagtailcore_revision ORDER BY id"
    ),
    "sites": (
        "SELECT id, hostname, port, root_page_id, is_default_site FROM wagtailcore_site ORDER BY id"
    ),
}


class BackupError(Exception):
    """Something an operator must fix; the message is shown as it is (Chinese)."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"不支持备份 {vendor} 数据库（只支持 PostgreSQL 和 SQLite）。")
    return vendor


# Counting and checksums, on any DB-API cursor --------------------------------------------------


def _normalise(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def content_checksums(cursor) -> dict[str, str]:
    checksums = {}
    for name, query in CONTENT_QUERIES.items():
        digest = hashlib.sha256()
        cursor.execute(query)
        for row in cursor.fetchall():
            line = json.dumps([_normalise(v) for v in row], sort_keys=True, ensure_ascii=False)
            digest.update(line.encode() + b"\n")
        checksums[name] = digest.hexdigest()
    return checksums


def table_counts(cursor, tables: Iterable[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - known table names
        counts[table] = cursor.fetchone()[0]
    return counts


def model_tables(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The tables of the installed models (not the search engine's own or SQLite's)."""
    connection = connections[alias]
    return sorted(connection.introspection.django_table_names(only_existing=True))


def current_state(alias: str = DEFAULT_DB_ALIAS, tables: Iterable[str] | None = None) -> dict:
    connection = connections[alias]
    tables = model_tables(alias) if tables is None else tables
    with connection.cursor() as cursor:
        return {
            "counts": table_counts(cursor, tables, connection.ops.quote_name),
            "content": content_checksums(cursor),
        }


# PostgreSQL ------------------------------------------------------------------------------------


def _pg_command(program: str, settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """``program`` with the connection arguments and environment (password included, never in
    the arguments) that ``manage.py dbshell`` would give psql."""
    from django.db.backends.postgresql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"找不到 {program}：请安装 PostgreSQL 客户端"
            "（Debian：apt-get install postgresql-client），其主版本不得低于数据库服务器。"
        )
    args = args[1:]
    dbname = settings_dict.get("NAME")
    if dbname and args and args[-1] == dbname:
        args[-1] = f"--dbname={dbname}"
    return [path, *args], {**os.environ, **(env or {})}


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} 失败：{result.stderr.strip()[-2000:]}")


@contextmanager
def _pg_snapshot(alias: str):
    """A read-only REPEATABLE READ transaction on a connection of its own, with its snapshot
    exported: pg_dump dumps exactly what the counts and checksums were taken from."""
    connection = connections[alias]
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            yield snapshot, cursor
        raw.rollback()
    finally:
        raw.close()


def _backup_postgresql(alias: str, dump: Path, tables: list[str]) -> dict:
    connection = connections[alias]
    command, env = _pg_command("pg_dump", connection.settings_dict)
    with _pg_snapshot(alias) as (snapshot, cursor):
        state = {
            "counts": table_counts(cursor, tables, connection.ops.quote_name),
            "content": content_checksums(cursor),
        }
        _run([*command, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"], env)
    return state


def _restore_postgresql(alias: str, dump: Path) -> None:
    connection = connections[alias]
    connection.close()
    command, env = _pg_command("pg_restore", connection.settings_dict)
    _run(
        [
            *command,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        ],
        env,
    )


# SQLite ----------------------------------------------------------------------------------------


def _sqlite_connection(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _backup_sqlite(alias: str, dump: Path, tables: list[str]) -> dict:
    target = sqlite3.connect(dump)
    try:
        _sqlite_connection(alias).backup(target)
        # Counted in the copy: exactly what was backed up.
        cursor = target.cursor()
        return {
            "counts": table_counts(cursor, tables, connections[alias].ops.quote_name),
            "content": content_checksums(cursor),
        }
    finally:
        target.close()


def _restore_sqlite(alias: str, dump: Path) -> None:
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        (ok,) = source.execute("PRAGMA integrity_check").fetchone()
        if ok != "ok":
            raise BackupError(f"备份的数据库文件已损坏：{ok}")
        # Copies into the open database as one write: readers see the old or the new one.
        source.backup(_sqlite_connection(alias))
    finally:
        source.close()


# Media -----------------------------------------------------------------------------------------


def _copy_tree(source: Path, target: Path) -> dict[str, str]:
    """Copies every file under ``source`` to ``target``; their SHA-256, by relative path."""
    checksums = {}
    if not source.is_dir():
        return checksums
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with open(path, "rb") as reader, open(destination, "wb") as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                writer.write(chunk)
        shutil.copystat(path, destination)
        checksums[relative] = digest.hexdigest()
    return checksums


# The two operations ----------------------------------------------------------------------------


def backup(destination: Path, *, media: bool = True, alias: str = DEFAULT_DB_ALIAS) -> dict:
    """Writes a backup into ``destination`` (which must not exist), complete or not at all:
    it is assembled beside it and renamed at the end. Returns the manifest."""
    destination = Path(destination).resolve()
    if destination.exists():
        raise BackupError(f"目标目录 {destination} 已存在：每次备份请用一个新目录。")
    vendor = engine(alias)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    try:
        dump = partial / DUMP_FILES[vendor]
        tables = model_tables(alias)
        if vendor == "postgresql":
            state = _backup_postgresql(alias, dump, tables)
        else:
            state = _backup_sqlite(alias, dump, tables)
        media_files = _copy_tree(Path(settings.MEDIA_ROOT), partial / MEDIA_DIR) if media else None
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": vendor,
            "database": {
                "file": dump.name,
                "sha256": sha256_file(dump),
                "bytes": dump.stat().st_size,
            },
            "media": media_files,
            **state,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        partial.rename(destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} 中没有 {MANIFEST}：不是完整的备份。")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')}")
    return manifest


def verify(source: Path, manifest: dict) -> list[str]:
    """Every file the manifest names, with its checksum: the problems found (none: intact)."""
    source = Path(source)
    problems = []
    files = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    for relative, checksum in (manifest.get("media") or {}).items():
        files[f"{MEDIA_DIR}/{relative}"] = checksum
    for relative, checksum in files.items():
        path = source / relative
        if not path.is_file():
            problems.append(f"缺少文件 {relative}")
        elif sha256_file(path) != checksum:
            problems.append(f"校验和不符 {relative}")
    return problems


def compare(manifest: dict, state: dict) -> list[str]:
    problems = []
    for table, count in manifest["counts"].items():
        now = state["counts"].get(table)
        if now != count:
            problems.append(f"表 {table}：备份中 {count} 行，恢复后 {now} 行")
    for name, checksum in manifest["content"].items():
        if state["content"].get(name) != checksum:
            problems.append(f"内容校验和不符：{name}")
    return problems


def restore(source: Path, *, media: bool = True, alias: str = DEFAULT_DB_ALIAS) -> dict:
    """Verifies, restores and checks again; raises BackupError on any difference. Returns
    {"media_files": n restored, "media_extra": files in MEDIA_ROOT the backup does not have
    (left in place)}."""
    source = Path(source).resolve()
    manifest = read_manifest(source)
    vendor = engine(alias)
    if manifest["engine"] != vendor:
        raise BackupError(
            f"备份来自 {manifest['engine']} 数据库，当前数据库是 {vendor}，无法恢复。"
        )
    problems = verify(source, manifest)
    if problems:
        raise BackupError("备份校验失败，未做任何改动：" + "；".join(problems[:10]))
    dump = source / manifest["database"]["file"]
    if vendor == "postgresql":
        _restore_postgresql(alias, dump)
    else:
        _restore_sqlite(alias, dump)
    result = {"media_files": 0, "media_extra": 0}
    if media and manifest.get("media") is not None:
        media_root = Path(settings.MEDIA_ROOT)
        restored = _copy_tree(source / MEDIA_DIR, media_root)
        result["media_files"] = len(restored)
        if media_root.is_dir():
            present = {
                p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()
            }
            result["media_extra"] = len(present - set(restored))
    problems = compare(manifest, current_state(alias, manifest["counts"]))
    if problems:
        raise BackupError("恢复后核对不符：" + "；".join(problems[:10]))
    return result
