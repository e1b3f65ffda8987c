"""``ngvh backup`` / ``ngvh restore``: a round trip gives back every row of every table and
every evidence file, on the engine the suite runs on (SQLite, or PostgreSQL with
DATABASE_URL through pg_dump/pg_restore)."""

import io
import json
import secrets

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from ngvh.accounts.models import SecurityEvent, SecurityEventKind
from ngvh.activities import storage
from ngvh.activities.models import Attachment
from ngvh.core.backup import BackupError, _wrapper, backup_create, backup_restore, database_tables
from tests.activities.factories import pdf_bytes, png_bytes
from tests.factories import ActivityFactory, ImportReviewFactory
from tests.tools import require_tool

# pg_dump and SQLite's backup API read committed data only: the rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"


@pytest.fixture
def empty_database(tmp_path):
    """Settings of a new database with no tables, on the same server and engine."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    require_tool("pg_dump", package="postgresql-client")
    require_tool("pg_restore", package="postgresql-client")
    name = f"{source['NAME']}_restore_{secrets.token_hex(3)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _value(v):
    return bytes(v) if isinstance(v, memoryview) else v


def snapshot(wrapper) -> dict:
    """Every row of every table (and the id counters), in a comparable order."""
    with wrapper.cursor() as cursor:
        tables = sorted(wrapper.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {wrapper.ops.quote_name(table)}")
            rows[table] = sorted((tuple(_value(v) for v in row) for row in cursor.fetchall()), key=repr)
        if wrapper.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")
        rows["(sequences)"] = cursor.fetchall()
    return rows


def stored() -> dict[str, bytes]:
    out = {}
    for name in storage.stored_names():
        with storage.open_stored(name) as fh:
            out[name] = fh.read()
    return out


@pytest.fixture
def data(seed_plan):
    """The bundled plan, an activity with a photo (and its thumbnail) and a PDF, a plan
    import draft holding a document's bytes, a security event."""
    activity = ActivityFactory(plan=seed_plan, title="Liên hoan văn hóa Việt – Nhật")
    for name, body in (("ảnh.png", png_bytes()), ("biên bản.pdf", pdf_bytes())):
        kept = storage.store(SimpleUploadedFile(name, body))
        Attachment.objects.create(
            activity=activity, stored_name=kept.stored_name, thumbnail_name=kept.thumbnail_name, original_name=name,
            content_type=kept.content_type, extension=kept.extension, size=kept.size, is_image=kept.is_image,
        )
    ImportReviewFactory(source_bytes=bytes(range(256)) * 4)
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, username="coordinator", ip_address="203.0.113.7")
    return seed_plan


def test_round_trip_gives_back_every_row_and_every_file(data, empty_database, tmp_path, settings):
    before_rows, before_files = snapshot(connection), stored()
    assert len(before_files) == 3 and before_rows["plans_task"] and before_rows["activities_attachment"]
    # when a backup is taken
    result = backup_create(path=tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert result.files == 3 and sorted(e["name"] for e in manifest["files"]) == sorted(f"attachments/{n}" for n in before_files)
    assert manifest["engine"] == ("sqlite" if connection.vendor == "sqlite" else "postgresql")
    # and restored into an empty database and an empty storage
    settings.MEDIA_ROOT = tmp_path / "restored-evidence"
    assert database_tables(empty_database) == [] and stored() == {}
    backup_restore(path=tmp_path / "backup", database=empty_database)
    # then every table holds the same rows, the id counters are where they were
    restored = _wrapper(empty_database)
    try:
        after_rows = snapshot(restored)
    finally:
        restored.close()
    assert sorted(after_rows) == sorted(before_rows)
    for table, rows in before_rows.items():
        assert after_rows[table] == rows, table
    # and every file is back, byte for byte
    assert stored() == before_files


def test_restore_refuses_a_database_that_has_tables_and_writes_nothing(data, tmp_path, settings):
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    settings.MEDIA_ROOT = tmp_path / "other-evidence"
    # when restoring into the database in use (it has tables)
    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    # then it is refused with the reason, and no file reached the storage
    assert "The database is not empty" in str(excinfo.value) and "Cơ sở dữ liệu không trống" in str(excinfo.value)
    assert stored() == {}


def test_restore_refuses_a_damaged_backup_before_touching_the_database(data, empty_database, tmp_path, settings):
    backup_create(path=tmp_path / "backup")
    victim = next((tmp_path / "backup" / "files" / "attachments").iterdir())
    victim.write_bytes(victim.read_bytes()[:-1] + b"!")
    settings.MEDIA_ROOT = tmp_path / "restored-evidence"
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=tmp_path / "backup", database=empty_database)
    assert database_tables(empty_database) == [] and stored() == {}


def test_restore_refuses_a_storage_already_holding_the_files(data, empty_database, tmp_path):
    backup_create(path=tmp_path / "backup")
    # the storage in use still holds the same evidence files
    with pytest.raises(BackupError, match="restore into an empty storage"):
        backup_restore(path=tmp_path / "backup", database=empty_database)
    assert database_tables(empty_database) == []


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    assert not default_storage.exists("attachments")
