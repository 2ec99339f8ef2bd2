"""The form files' TOML kept between starts (storage/parsed_forms.py): by content, never stale,
and never a reason for a form not to load."""

import shutil
import tomllib
from pathlib import Path

import pytest

from ttdn_desktop.core.forms import FormError, FormLibrary, load_form
from ttdn_desktop.storage import parsed_forms
from ttdn_desktop.util.storage_errors import StorageError
from ttdn_desktop.workspace import Workspace

from .uihelpers import set_up_agency

BUNDLED = Path(__file__).resolve().parent.parent / "forms" / "ttdn-dinh-ky-v1.toml"


@pytest.fixture
def kept(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(parsed_forms, "cache_dir", lambda: folder)
    return folder


def _copy(tmp_path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(BUNDLED, folder / BUNDLED.name))


def test_a_form_read_once_is_read_from_what_was_kept(tmp_path, kept, monkeypatch):
    path = _copy(tmp_path)
    first = load_form(path, parsed_forms.read_kept)
    assert first == load_form(path)  # the same form as tomllib gives
    assert len(list(kept.glob("*.json"))) == 1

    def unparsed(*_):
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsed_forms, "read_toml", unparsed)
    library = FormLibrary.from_dirs([path.parent], parsed_forms.read_kept)
    assert library.find(first.id, first.version) == first and not library.problems


def test_a_changed_file_is_parsed_again(tmp_path, kept):
    path = _copy(tmp_path)
    load_form(path, parsed_forms.read_kept)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version = 1", "version = 7", 1), encoding="utf-8")
    assert load_form(path, parsed_forms.read_kept).version == 7
    assert len(list(kept.glob("*.json"))) == 2


def test_a_damaged_copy_is_parsed_again_and_kept_anew(tmp_path, kept):
    path = _copy(tmp_path)
    form = load_form(path, parsed_forms.read_kept)
    for copy in kept.glob("*.json"):
        copy.write_bytes(b"\x00{not json")
    assert load_form(path, parsed_forms.read_kept) == form
    assert all(copy.read_bytes().startswith(b"{") for copy in kept.glob("*.json"))


def test_nothing_kept_where_the_cache_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder")
    monkeypatch.setattr(parsed_forms, "cache_dir", lambda: blocker / "forms")
    path = _copy(tmp_path)
    assert load_form(path, parsed_forms.read_kept) == load_form(path)


def test_a_wrong_file_is_said_and_nothing_is_kept(tmp_path, kept):
    path = tmp_path / "sai.toml"
    path.write_text("[form\nid = 'x'\n", encoding="utf-8")
    with pytest.raises(FormError, match="sai cú pháp TOML"):
        load_form(path, parsed_forms.read_kept)
    assert not list(kept.glob("*.json"))


def test_a_full_disk_keeps_nothing_and_the_form_loads(tmp_path, kept, monkeypatch):
    """A cache that cannot be written (disk full: the atomic writer says StorageError) is no
    reason for the app not to start."""
    def full(*_args, **_kwargs):
        raise StorageError("Không ghi được: ổ đĩa đầy.")

    monkeypatch.setattr(parsed_forms, "write_bytes_atomic", full)
    path = _copy(tmp_path)
    assert load_form(path, parsed_forms.read_kept) == load_form(path)
    assert not list(kept.glob("*.json"))


def test_line_ends_read_as_text_reads_them(tmp_path, kept):
    """A form saved with old Mac line ends (a lone CR) loads as it did when the file was read
    as text."""
    path = _copy(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    assert load_form(path, parsed_forms.read_kept).id == load_form(BUNDLED).id


def _own_form(tmp_path) -> Path:
    """A province's own form version 3, added to one database (`ttdn forms --add`)."""
    path = _copy(tmp_path)
    own = tmp_path / "mau-rieng.toml"
    own.write_bytes(path.read_bytes().replace(b"version = 1", b"version = 3", 1))
    database = tmp_path / "donvi.sqlite3"
    with Workspace(database) as workspace:
        set_up_agency(workspace, "SNGV", "Sở Ngoại vụ")
        workspace.setup.add_form(own)
    return database


def test_a_form_stored_in_the_database_is_parsed_once(tmp_path, kept, monkeypatch):
    """A form a database holds (from a request, or added by hand) was parsed with tomllib at
    every start of that database, as the bundled one was before it was kept."""
    database = _own_form(tmp_path)
    with Workspace(database) as workspace:
        first = workspace.forms.find("ttdn-dinh-ky", 3)
    assert first is not None and len(list(kept.glob("*.json"))) == 2  # the bundled one too

    def unparsed(*_):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", unparsed)
    with Workspace(database) as workspace:
        assert workspace.forms.find("ttdn-dinh-ky", 3) == first
        assert not workspace.forms.problems


def test_a_stored_form_that_no_longer_reads_is_named_with_its_reason(tmp_path, kept):
    database = _own_form(tmp_path)
    with Workspace(database) as workspace:
        workspace.db.execute("UPDATE forms SET source = ? WHERE version = 3",
                             [b"[form\nid = 'x'\n"])
        workspace.db.conn.commit()
    kept_before = sorted(kept.glob("*.json"))
    with Workspace(database) as workspace:
        assert workspace.forms.find("ttdn-dinh-ky", 3) is None
        assert workspace.form.version == 1  # the bundled form: the app still opens
        [problem] = workspace.forms.problems
    assert "ttdn-dinh-ky-v3.toml" in problem and "sai cú pháp TOML ở dòng 1" in problem
    assert sorted(kept.glob("*.json")) == kept_before  # nothing kept of what does not read
