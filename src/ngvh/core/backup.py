"""``ngvh backup PATH`` and ``ngvh restore PATH``: the database and the evidence files, with
a manifest of checksums.

A backup is a folder::

    PATH/manifest.json        what is in it, with the SHA-256 and size of every file
    PATH/database.sqlite3     SQLite: a consistent copy through SQLite's online backup API
    PATH/database.pgdump      PostgreSQL: ``pg_dump --format=custom``
    PATH/files/attachments/…  every evidence file in the storage (file system or S3)

Both are taken while the application runs: SQLite's backup API copies a consistent
snapshot, and ``pg_dump`` reads one transaction. Pending activity-import previews are not
kept (they expire within a day). A restore goes into an *empty* database (no tables: a new
SQLite file, or a database just made with ``createdb``) and into the configured storage; it
checks every checksum before writing anything, and refuses a database that already has
tables rather than mixing two histories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.utils import load_backend

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
STORED_FOLDERS = ("attachments", "gifts")  # evidence files, gift photos


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why (Vietnamese / English)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    database: str
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Không hỗ trợ / unsupported database engine: {engine}")


def _pg_env(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"Thiếu / missing {command[0]} (Debian package postgresql-client)")
    done = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")


def stored_files() -> Iterator[str]:
    """Every file in the storage under the folders a backup keeps, as storage names."""

    def walk(folder: str) -> Iterator[str]:
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in sorted(files):
            yield f"{folder}/{name}"
        for sub in sorted(dirs):
            yield from walk(f"{folder}/{sub}")

    for folder in STORED_FOLDERS:
        yield from walk(folder)


def _migrations(connection) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = max(latest.get(app, name), name)
    return latest


def backup_create(*, path: Path, using: str = "default", now: dt.datetime | None = None) -> BackupResult:
    """Write a backup of database ``using`` and the storage's evidence files into ``path``
    (a new or empty folder)."""
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise BackupError(f"Thư mục đã có dữ liệu / the folder is not empty: {path}")
    path.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    settings_dict = connection.settings_dict
    engine = _engine(settings_dict)
    if engine == "sqlite":
        database = path / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        database = path / "database.pgdump"
        args, env = _pg_env(settings_dict)
        _run(["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(database), settings_dict["NAME"]], env)

    entries = []
    total = 0
    for name in stored_files():
        target = path / FILES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        size = target.stat().st_size
        total += size
        entries.append({"name": name, "sha256": _sha256(target), "size": size})

    manifest = {
        "format": FORMAT,
        "application": "ngvh",
        "created_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
        "engine": engine,
        "database": {"file": database.name, "sha256": _sha256(database), "size": database.stat().st_size},
        "migrations": _migrations(connection),
        "files": entries,
    }
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return BackupResult(path=path, database=database.name, files=len(entries), bytes=total)


def read_manifest(path: Path) -> dict:
    """The manifest, with every checksum it lists verified; ``BackupError`` otherwise."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được / cannot read {path / MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("application") != "ngvh":
        raise BackupError(f"Không phải bản sao lưu NGVH / not an NGVH backup: {path}")
    checks = [(path / manifest["database"]["file"], manifest["database"])]
    checks += [(path / FILES / entry["name"], entry) for entry in manifest["files"]]
    for file, entry in checks:
        if ".." in Path(entry.get("name", entry.get("file", ""))).parts:
            raise BackupError(f"Tên tệp không hợp lệ / bad file name in the manifest: {entry}")
        if not file.is_file() or file.stat().st_size != entry["size"] or _sha256(file) != entry["sha256"]:
            raise BackupError(f"Tệp hỏng hoặc thiếu / missing or damaged file (checksum differs): {file}")
    return manifest


def _wrapper(settings_dict: dict):
    """A connection of its own to the database ``settings_dict`` names (closed by the caller)."""
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(settings_dict, alias="ngvh-restore")


def database_tables(settings_dict: dict) -> list[str]:
    wrapper = _wrapper(settings_dict)
    try:
        with wrapper.cursor() as cursor:
            return wrapper.introspection.table_names(cursor)
    finally:
        wrapper.close()


def backup_restore(*, path: Path, database: dict | None = None) -> dict:
    """Restore the backup in ``path`` into ``database`` (a settings dict; the default
    database when None), which must have no tables, and its files into the storage."""
    path = Path(path)
    manifest = read_manifest(path)
    settings_dict = dict(database or connections["default"].settings_dict)
    engine = _engine(settings_dict)
    if manifest["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu của {manifest['engine']}, cơ sở dữ liệu là {engine} / "
            f"the backup is of {manifest['engine']}, the database is {engine}"
        )
    tables = database_tables(settings_dict)
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu không trống ({len(tables)} bảng): chỉ khôi phục vào một cơ sở dữ liệu mới, trống. / "
            f"The database is not empty ({len(tables)} tables): restore only into a new, empty database."
        )
    clashes = [e["name"] for e in manifest["files"] if default_storage.exists(e["name"])]
    if clashes:
        raise BackupError(
            f"Kho tệp đã có {len(clashes)} tệp cùng tên (ví dụ {clashes[0]}): khôi phục vào kho trống. / "
            f"The storage already holds {len(clashes)} of these files (e.g. {clashes[0]}): restore into an empty storage."
        )

    dump = path / manifest["database"]["file"]
    if engine == "sqlite":
        wrapper = _wrapper(settings_dict)
        try:
            wrapper.ensure_connection()
            source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
            try:
                source.backup(wrapper.connection)
            finally:
                source.close()
        finally:
            wrapper.close()
    else:
        args, env = _pg_env(settings_dict)
        _run(["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              "--dbname", settings_dict["NAME"], str(dump)], env)

    for entry in manifest["files"]:
        with (path / FILES / entry["name"]).open("rb") as fh:
            saved = default_storage.save(entry["name"], File(fh))
        if saved != entry["name"]:
            raise BackupError(f"Kho tệp đổi tên / the storage renamed {entry['name']} to {saved}")
    return manifest
