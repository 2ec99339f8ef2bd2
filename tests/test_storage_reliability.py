"""Issue 14, storage: damaged, busy, read-only and full storage are inputs too. Real database
files, real mounts (a tiny tmpfs for a full disk, a read-only remount), the real command line."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import parse_blocks
from ttdn_desktop.exchange import importer
from ttdn_desktop.exchange.source_files import read_file_bytes
from ttdn_desktop.storage import backups as backup_store, database, reports as report_store
from ttdn_desktop.storage.database import network_share, open_database
from ttdn_desktop.util.storage_errors import (DatabaseBusy, DatabaseDamaged, StorageError,
                                              database_error_message, is_damage)
from ttdn_desktop.workspace import Workspace

from .ci_tools import OTHER_PLATFORM
from .helpers import package, save_section
from .storagehelpers import damage, fill, make_read_only, page_count, temps, tmpfs, ttdn

H1 = Period.parse("2021-H1")


def agency_db(path: Path, forms, text="Phát hành bản tin đối ngoại.") -> str:
    with Workspace(path, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", H1)
        save_section(workspace.db, report_id, "an_pham", text)
    return report_id


def current(path: Path, forms, report_id: str):
    with Workspace(path, forms) as workspace:
        return report_store.current_revision(workspace.db, report_id)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- 1. a revision is sealed only once its package file is written ---------------------------
def test_package_onto_a_folder_seals_nothing_then_the_next_package_follows(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    report_id = agency_db(db, forms)
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    done = ttdn("package", "--period", "2021-H1", "--agency", "SNGV", "--out", folder, db=db)
    assert done.returncode == 1
    assert f"«{folder}» là một thư mục" in done.stderr and "Traceback" not in done.stderr
    assert not current(db, forms, report_id).sealed
    assert list(folder.iterdir()) == [] and temps(tmp_path) == []
    good = tmp_path / "goi.ttdn"
    done = ttdn("package", "--period", "2021-H1", "--agency", "SNGV", "--out", good, db=db)
    assert done.returncode == 0, done.stderr
    assert "lần gửi 1" in done.stdout  # the failed try did not use up revision 1
    info = current(db, forms, report_id)
    assert (info.revision, info.sealed) == (1, True) and info.sent_at


def test_package_on_a_full_disk_seals_nothing_and_says_the_disk_is_full(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    report_id = agency_db(db, forms, "Bản tin " * 2000)
    with tmpfs(tmp_path / "usb", "64k") as usb:
        fill(usb)
        done = ttdn("package", "--period", "2021-H1", "--agency", "SNGV", "--out",
                    usb / "goi.ttdn", db=db)
        assert done.returncode == 1
        assert "ổ đĩa đầy" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
        assert not (usb / "goi.ttdn").exists() and temps(usb) == []
    assert not current(db, forms, report_id).sealed


def test_package_into_a_read_only_folder_names_the_folder(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    report_id = agency_db(db, forms)
    with tmpfs(tmp_path / "ro", "64k") as folder:
        make_read_only(folder)
        done = ttdn("package", "--period", "2021-H1", "--agency", "SNGV", "--out",
                    folder / "goi.ttdn", db=db)
    assert done.returncode == 1
    assert f"không có quyền ghi vào thư mục «{folder}»" in done.stderr.lower(), done.stderr
    assert not current(db, forms, report_id).sealed


def test_edits_made_while_the_file_was_written_go_to_the_next_revision(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    save_section(workspace.db, report_id, "an_pham", "Gửi đi")
    package = workspace.files.package("SNGV", H1)
    save_section(workspace.db, report_id, "an_pham", "Gửi đi, rồi sửa tiếp")
    workspace.reports.mark_sent(package)
    sent = report_store.revision_info(workspace.db, report_id, 1)
    assert sent.sealed and report_store.load_content(
        workspace.db, report_id, 1).sections["an_pham"] == "Gửi đi"
    draft = report_store.current_revision(workspace.db, report_id)
    assert (draft.revision, draft.supersedes, draft.sealed) == (2, 1, False)
    assert report_store.load_content(workspace.db, report_id).sections["an_pham"] == \
        "Gửi đi, rồi sửa tiếp"


# --- 3. a damaged database is refused, never backed up, restored from sao-luu/ -----------------
def _damaged_db(tmp_path, forms, early: bool = False) -> Path:
    db = tmp_path / "donvi.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", H1)
        for n in range(60):
            save_section(workspace.db, report_id, "an_pham", f"Đoạn {n} " * 300)
        workspace.backups.make("truoc-khi-nhap", datetime(2021, 6, 1, 9, 0))
        workspace.backups.make("truoc-khi-nhap", datetime(2021, 6, 2, 9, 0))
    # the WAL folded into the file, as after a clean close
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    damage(db, 1 if early else page_count(db) // 2)
    return db


@pytest.mark.parametrize("early", [False, True], ids=["mid-file", "schema-page"])
def test_damaged_database_is_refused_unchanged_and_never_backed_up(tmp_path, forms, early):
    db = _damaged_db(tmp_path, forms, early)
    before = digest(db)
    backups_before = sorted(p.name for p in (tmp_path / "sao-luu").iterdir())
    for command in (["status", "--period", "2021-H1"], ["import", tmp_path / "none.ttdn"],
                    ["export", "docx", "--period", "2021-H1", "--out", tmp_path / "x.docx"]):
        done = ttdn(*command, db=db)
        assert done.returncode == 1
        assert "bị hỏng" in done.stderr and "ttdn restore" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "không mong đợi" not in done.stderr
    with pytest.raises(DatabaseDamaged):
        Workspace(db, forms)
    assert digest(db) == before
    assert sorted(p.name for p in (tmp_path / "sao-luu").iterdir()) == backups_before
    assert not (tmp_path / "x.docx").exists()


def test_a_database_damaged_while_open_is_not_copied_over_the_backups(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", H1)
        for n in range(60):
            save_section(workspace.db, report_id, "an_pham", f"Đoạn {n} " * 300)
        workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        good = workspace.backups.make("truoc-khi-nhap")
        workspace.db.execute("PRAGMA cache_size = 0")  # read the damaged pages from disk
        damage(db, page_count(db) // 2)
        with pytest.raises(DatabaseDamaged):
            workspace.backups.make("truoc-khi-nhap", datetime.now() + timedelta(seconds=5))
    # the folder also holds one copy of the signing key (khoa-ky-*.ttdnkey)
    assert [p.name for p in (tmp_path / "sao-luu").glob("*.sqlite3")] == [good.name]


def test_restore_from_the_command_line_newest_first_with_dates(tmp_path, forms):
    db = _damaged_db(tmp_path, forms)
    listed = ttdn("restore", db=db)
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if "\t" in line]
    assert lines[0].startswith("1\t02/06/2021 09:00:00") and lines[1].startswith("2\t01/06/2021")
    assert "trước khi nhập tệp" in lines[0]
    done = ttdn("restore", "1", db=db)
    assert done.returncode == 0, done.stderr
    assert ttdn("status", "--period", "2021-H1", db=db).returncode == 0
    kept = [p for p in tmp_path.iterdir() if ".hong-" in p.name]
    assert kept and "donvi.sqlite3.hong-" in kept[0].name  # the damaged file is kept, not lost
    assert ttdn("restore", "9", db=db).returncode == 1


def test_a_damaged_backup_is_not_restored(tmp_path, forms):
    db = _damaged_db(tmp_path, forms)
    newest = backup_store.list_backups(db)[0].path
    damage(newest, page_count(newest) // 2)
    before = digest(db)
    done = ttdn("restore", "1", db=db)
    assert done.returncode == 1 and "cũng bị hỏng" in done.stderr
    assert digest(db) == before


def test_backups_are_thinned_days_then_weeks_then_months():
    start = datetime(2024, 1, 1, 8, 0)
    made = [backup_store.Backup(Path(f"b{n}"), start + timedelta(days=n), 1) for n in range(400)]
    when = start + timedelta(days=400)
    dropped = {b.path for b in backup_store.backups_to_drop(made, when)}
    kept = [b for b in made if b.path not in dropped]
    recent = [b for b in made if when - b.taken_at < timedelta(days=7)]
    assert len(recent) == 6 and all(b in kept for b in recent)  # every one of the last week
    weekly = [b for b in kept if timedelta(days=7) <= when - b.taken_at < timedelta(weeks=8)]
    assert len({b.taken_at.isocalendar()[:2] for b in weekly}) == len(weekly) >= 6
    older = [b for b in kept if when - b.taken_at >= timedelta(weeks=8)]
    assert len({(b.taken_at.year, b.taken_at.month) for b in older}) == len(older)
    assert len(kept) < 30


def test_daily_backups_on_disk_stay_few(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    agency_db(db, forms)
    with Workspace(db, forms) as workspace:
        day = datetime(2024, 1, 1, 8, 0)
        for n in range(120):
            workspace.backups.daily(day + timedelta(days=n))
            assert workspace.backups.daily(day + timedelta(days=n, hours=2)) is None
    names = sorted(p.name for p in (tmp_path / "sao-luu").glob("*.sqlite3"))
    assert 12 <= len(names) <= 20 and all("hang-ngay" in n for n in names)
    assert len(list((tmp_path / "sao-luu").glob("khoa-ky-*.ttdnkey"))) == 1
    assert temps(tmp_path) == []


def test_autosave_history_is_coalesced(workspace, monkeypatch):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    clock = [datetime(2024, 3, 1, 8, 0, 0)]
    monkeypatch.setattr(report_store, "now", lambda: clock[0].isoformat(timespec="seconds"))
    text = ""
    for n in range(400):  # an hour of typing, saved every 9 s
        text += "chữ "
        clock[0] += timedelta(seconds=9)
        save_section(workspace.db, report_id, "an_pham", text)
    rows = workspace.db.execute("SELECT count(*) FROM section_texts_history").fetchone()[0]
    assert 4 <= rows <= 8  # about one per ten minutes, not 399
    clock[0] += timedelta(days=1)  # the next day: the last text of the sitting is kept
    save_section(workspace.db, report_id, "an_pham", "Hôm sau")
    last = workspace.db.execute("SELECT text FROM section_texts_history ORDER BY rowid DESC "
                                "LIMIT 1").fetchone()[0]
    assert last == text.strip()


# --- 4. busy, locked, concurrent --------------------------------------------------------------
def test_import_into_a_database_held_by_another_writer_says_busy(tmp_path, forms, monkeypatch):
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    file = tmp_path / "goi.ttdn"
    file.write_bytes(package(forms.latest()))
    other = sqlite3.connect(db, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    monkeypatch.setattr(importer, "IMPORT_WAIT_SECONDS", 0.5)
    with Workspace(db, forms) as workspace:
        with pytest.raises(DatabaseBusy) as caught:
            workspace.imports.run([file])
        assert f"«{db}» đang bận" in caught.value.message
        assert "không phải lỗi của các tệp" in caught.value.message
        other.rollback()
        results = workspace.imports.run([file])
        assert [r.outcome for r in results] == ["new"]
    other.close()


def test_opening_a_database_locked_by_another_program_says_busy(tmp_path, forms, monkeypatch):
    db = tmp_path / "khoa.sqlite3"
    Workspace(db, forms).close()
    other = sqlite3.connect(db, timeout=0)
    other.execute("PRAGMA journal_mode = DELETE")  # a rollback journal: a writer blocks readers
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(database, "BUSY_SECONDS", 0.3)
    with pytest.raises(StorageError, match="đang bận"):
        open_database(db)
    other.rollback()
    other.close()


def test_a_longer_wait_for_one_write_goes_back_to_the_usual_wait(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_SECONDS", 3)
    db = open_database(tmp_path / "cho.sqlite3")
    with db.atomic(wait_seconds=60):  # the longer wait is for taking the lock only
        db.execute("CREATE TABLE t (x)")
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 3_000
    db.close()


def test_two_imports_at_once_import_every_good_package(tmp_path, forms):
    db = tmp_path / "vp.sqlite3"
    Workspace(db, forms).close()
    for folder, period in (("a", "2021-H1"), ("b", "2021-Q3")):
        done = ttdn("demo", tmp_path / folder, "--period", period, "--agencies", "60", db=db)
        assert done.returncode == 0, done.stderr
    runs = {}

    def run(folder):
        runs[folder] = ttdn("import", tmp_path / folder, db=db, timeout=600)

    threads = [threading.Thread(target=run, args=(f,)) for f in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for folder, done in runs.items():
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr
        assert "60 tệp: 60 được nhận, 0 cần xem lại." in done.stdout
        assert "bị từ chối" not in done.stdout
    with Workspace(db, forms) as workspace:
        assert workspace.db.execute("SELECT count(*) FROM reports").fetchone()[0] == 120


def test_read_only_database_is_read_only_for_reading_and_explained_for_writing(tmp_path, forms):
    with tmpfs(tmp_path / "ro", "4m") as folder:
        db = folder / "ttdn.sqlite3"
        agency_db(db, forms)
        make_read_only(folder)
        before = sorted(p.name for p in folder.iterdir())
        with pytest.raises(StorageError, match="quyền ghi"):
            Workspace(db, forms)
        done = ttdn("status", "--period", "2021-H1", db=db)  # only reads: works, and says so
        assert done.returncode == 0, done.stderr
        assert "Sở Ngoại vụ" in done.stdout and "chế độ chỉ xem" in done.stderr
        done = ttdn("export", "docx", "--period", "2021-H1", "--out", tmp_path / "bc.docx", db=db)
        assert done.returncode == 0 and (tmp_path / "bc.docx").exists(), done.stderr
        done = ttdn("agencies", "add", "CAT", "Công an tỉnh", db=db)  # writes: explained
        assert done.returncode == 1 and "quyền ghi" in done.stderr
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in folder.iterdir()) == before


# --- 7. storage errors say what to do; no temp file left -------------------------------------
def test_full_disk_during_the_backup_before_an_import(tmp_path, forms):
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        workspace.agencies.add("CAT", "Công an tỉnh")
        workspace.imports.run([_write(tmp_path / "1.ttdn", package(forms.latest()))])
    file = _write(tmp_path / "2.ttdn", package(forms.latest(), code="CAT", name="Công an tỉnh"))
    with tmpfs(tmp_path / "sao-luu", "16k") as folder:
        done = ttdn("import", file, db=db)
        assert done.returncode == 1
        assert "ổ đĩa đầy" in done.stderr and "Chưa nhập tệp nào" in done.stderr, done.stderr
        assert "bị từ chối" not in done.stdout and "Traceback" not in done.stderr
        assert temps(folder) == []
    with Workspace(db, forms) as workspace:
        assert workspace.db.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_stale_temps_of_a_killed_backup_are_cleaned_at_start(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    agency_db(db, forms)
    stale = tmp_path / "sao-luu" / "donvi-truoc-khi-nhap-20240101-000000.sqlite3.999999999.tmp"
    stale.parent.mkdir()
    stale.write_bytes(b"half a backup")
    stale_journal = stale.with_name(stale.name + "-journal")
    stale_journal.write_bytes(b"journal")
    alive = stale.with_name(f"donvi-hang-ngay-20240101-000000.sqlite3.{__import__('os').getpid()}.tmp")
    alive.write_bytes(b"being written")
    Workspace(db, forms).close()
    assert not stale.exists() and not stale_journal.exists() and alive.exists()


def test_word_export_on_a_full_disk_leaves_no_stray_traceback(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    agency_db(db, forms, "Bản tin " * 3000)
    with tmpfs(tmp_path / "usb", "32k") as usb:
        done = ttdn("export", "docx", "--period", "2021-H1", "--out", usb / "bc.docx", db=db)
        assert done.returncode == 1
        assert "ổ đĩa đầy" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
        assert list(usb.iterdir()) == []


# --- network shares ---------------------------------------------------------------------------
MOUNTS = """sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/chung nfs4 rw,relatime 0 0
//fileserver/baocao /media/bao\\040cao cifs rw 0 0
"""


def test_network_shares_are_recognised():
    assert network_share(Path("/mnt/chung/ttdn.sqlite3"), MOUNTS, "linux") == "nfs4"
    assert network_share(Path("/media/bao cao/x/ttdn.sqlite3"), MOUNTS, "linux") == "cifs"
    assert network_share(Path("/home/a/ttdn.sqlite3"), MOUNTS, "linux") is None
    assert network_share(Path("/mnt/chungkhac/ttdn.sqlite3"), MOUNTS, "linux") is None
    assert network_share("\\\\may-chu\\chung\\ttdn.sqlite3", "", "win32") == \
        "đường dẫn mạng UNC"


def test_a_database_on_a_share_warns_and_does_not_use_wal(tmp_path, forms, monkeypatch):
    monkeypatch.setattr(database, "network_share", lambda path: "cifs")
    with Workspace(tmp_path / "chung.sqlite3", forms) as workspace:
        assert any("ổ mạng (cifs)" in w and "chép tệp về ổ đĩa" in w for w in workspace.warnings)
        assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    done = ttdn("agencies", db=tmp_path / "chung.sqlite3")
    assert done.returncode == 0


# --- 10. a paragraph's leading space --------------------------------------------------------
def test_leading_space_of_a_paragraph_survives_saving_and_reading(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    text = "   Thụt đầu dòng.\n  Đoạn hai.\n- mục"
    save_section(workspace.db, report_id, "an_pham", text + "  \n\n")
    stored = report_store.load_content(workspace.db, report_id).sections["an_pham"]
    assert stored == text
    assert [b.text for b in parse_blocks(stored)] == ["   Thụt đầu dòng.", "  Đoạn hai.", "mục"]


def test_storage_error_is_not_blamed_on_the_file(tmp_path):
    assert issubclass(StorageError, TTDNError)


def test_a_backup_killed_half_way_leaves_no_temp_after_the_next_start(tmp_path, forms):
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", H1)
        report_store.save_content(workspace.db, report_id, ReportContent(
            {f"muc_{n}": f"Đoạn {n} " * 2000 for n in range(200)}))  # some 5 MB to copy
    script = ("import sys; from ttdn_desktop.workspace import Workspace\n"
              "with Workspace(sys.argv[1]) as ws:\n"
              "    while True: ws.backups.make('truoc-khi-nhap')\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(db)],
                             cwd=Path(__file__).resolve().parent.parent)
    folder = tmp_path / "sao-luu"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not temps(folder):
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert temps(folder), "the backup was never caught half-way"
    Workspace(db, forms).close()
    assert temps(folder) == []


def test_restore_is_refused_while_a_window_has_the_database_open(tmp_path, forms):
    db = _damaged_db(tmp_path, forms)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "donvi.sqlite3.lock").write_text(f"{sleeper.pid}\nttdn\nmay\n")
        done = ttdn("restore", "1", db=db)
        assert done.returncode == 1 and "đang mở cơ sở dữ liệu" in done.stderr
    finally:
        sleeper.kill()
        sleeper.wait()
    assert ttdn("restore", "1", db=db).returncode == 0  # the holder is gone: allowed
    assert os.path.exists(db)


def test_a_database_on_a_full_disk_says_the_disk_is_full(tmp_path, forms):
    with tmpfs(tmp_path / "usb", "3m") as usb:
        db = usb / "vp.sqlite3"
        agency_db(db, forms)
        fill(usb)
        done = ttdn("status", "--period", "2021-H1", db=db)
        assert done.returncode == 1
        assert "ổ đĩa đầy" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_damage_met_while_working_is_found_by_the_full_check_at_the_next_start(tmp_path, forms):
    """An index that no longer matches its table passes quick_check; once such damage shows
    while working, the next start runs integrity_check and refuses the file."""
    db = tmp_path / "donvi.sqlite3"
    report_id = agency_db(db, forms, "Bản một")
    with Workspace(db, forms) as workspace:
        save_section(workspace.db, report_id, "an_pham", "Bản hai")
        assert workspace.db.execute("SELECT count(*) FROM section_texts_history").fetchone()[0]
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA writable_schema = ON")
    raw.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX section_texts_history_saved ON "
                "section_texts_history (replaced_at)' WHERE name = 'section_texts_history_saved'")
    raw.commit()
    raw.close()
    with Workspace(db, forms) as workspace:  # quick_check does not read index contents
        message = workspace.explain(sqlite3.DatabaseError("database disk image is malformed"))
        assert "bị hỏng" in message
    with pytest.raises(DatabaseDamaged):
        Workspace(db, forms)


def test_a_file_the_user_may_not_read_is_named_with_the_reason(tmp_path, forms):
    if os.name != "posix":
        pytest.skip(OTHER_PLATFORM + "POSIX permissions")
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    secret = _write(tmp_path / "goi.ttdn", package(forms.latest()))
    secret.chmod(0o000)
    # root reads every file: the import runs as 'nobody', who may not read it
    script = ("import sys, os\n"
              "from ttdn_desktop.exchange.source_files import read_file_bytes\n"
              "from ttdn_desktop.core.errors import PackageError\n"
              "from pathlib import Path\n"
              "os.setgid(65534); os.setuid(65534)  # after the imports: nobody reads no venv\n"
              "try:\n    read_file_bytes(Path(sys.argv[1]), 1000)\n"
              "except PackageError as e:\n    print(e.reason)\n")
    if os.geteuid() == 0:
        done = subprocess.run([sys.executable, "-c", script, str(secret)], capture_output=True,
                              text=True, cwd=Path(__file__).resolve().parent.parent)
        reason = done.stdout.strip()
    else:
        with pytest.raises(PackageError) as caught:
            read_file_bytes(secret, 1000)
        reason = caught.value.reason
    assert reason.startswith("không có quyền đọc tệp này"), reason


def test_damage_is_told_from_sqlite_own_error_by_one_test(tmp_path):
    """The open-time check, the message and the full check asked for after work met damage
    all decide «damaged» with storage_errors.is_damage."""
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not sqlite at all " * 512)
    connection = sqlite3.connect(junk)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        connection.execute("SELECT * FROM sqlite_master").fetchall()
    connection.close()
    assert is_damage(raised.value)
    assert "bị hỏng" in database_error_message(raised.value, junk)
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))
    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(ValueError("malformed"))  # not SQLite's word for its file
