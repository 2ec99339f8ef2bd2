"""The command line end to end, on a real database file and real package files."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from ttdn_desktop.cli import build_parser, main
from ttdn_desktop.workspace import reports as report_door


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite3")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_import_status_export_package(capsys, db, tmp_path):
    code, out, _ = run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--period", "2021-H1")
    assert code == 0 and "8 gói" in out
    files = sorted((tmp_path / "in").glob("*.ttdn"))
    assert len(files) == 8

    code, out, _ = run(capsys, "--db", db, "agencies")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "SNGV\tSở Ngoại vụ" and len(lines) == 8

    code, out, _ = run(capsys, "--db", db, "import", *map(str, files))
    assert code == 0
    assert sum("đã nhập" in line for line in out.splitlines()) == 8

    code, out, _ = run(capsys, "--db", db, "import", str(tmp_path / "in"))  # a folder
    assert code == 0 and out.count(": đã có — ") == 8
    assert out.splitlines()[-1] == "8 tệp: 8 đã có từ trước, không thay đổi gì, 0 cần xem lại."

    code, out, _ = run(capsys, "--db", db, "status", "--period", "2021-H1")
    assert code == 0 and "8/8 đơn vị đã nộp" in out
    assert "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh" in out

    out_docx, out_xlsx = tmp_path / "bc.docx", tmp_path / "tk.xlsx"
    assert run(capsys, "--db", db, "export", "docx", "--period", "2021-H1", "--out",
               str(out_docx))[0] == 0
    text = "\n".join(p.text for p in Document(out_docx).paragraphs)
    # each section as it shows (the draft, for sections nobody edited): as `ttdn draft` says
    code, drafted, _ = run(capsys, "--db", db, "draft", "--period", "2021-H1")
    assert code == 0 and "BÁO CÁO" in text
    for line in drafted.splitlines()[1:]:
        assert line.removeprefix("- ") in text
    assert run(capsys, "--db", db, "export", "xlsx", "--period", "2021-H1", "--out",
               str(out_xlsx))[0] == 0
    sheet = load_workbook(out_xlsx)["Theo đơn vị"]
    column = next(c for c in range(4, sheet.max_column + 1)
                  if sheet.cell(1, c).value == "Số bản ấn phẩm, tài liệu phát hành (bản)")
    copies = {sheet.cell(r, 2).value: sheet.cell(r, column).value for r in range(3, 11)}
    assert (copies["BXTDT"], copies["SNGV"]) == (3800, 9000)

    single = tmp_path / "sngv.docx"
    assert run(capsys, "--db", db, "export", "docx", "--period", "2021-H1", "--agency", "sngv",
               "--out", str(single))[0] == 0
    single_text = "\n".join(p.text for p in Document(single).paragraphs)
    assert "9.000 cuốn bản tin" in single_text and "Công an tỉnh" not in single_text

    out_pkg = tmp_path / "again.ttdn"
    code, out, _ = run(capsys, "--db", db, "package", "--period", "2021-H1", "--agency", "BXTDT",
                       "--out", str(out_pkg))
    assert code == 0 and out_pkg.stat().st_size > 0
    code, out, _ = run(capsys, "--db", db, "import", str(out_pkg))
    assert code == 0 and "đã có" in out


def test_import_exit_status_1_when_rejected(capsys, db, tmp_path):
    bad = tmp_path / "hong.ttdn"
    bad.write_bytes(b"")
    code, out, _ = run(capsys, "--db", db, "import", str(bad))
    assert code == 1 and "hong.ttdn: bị từ chối (tệp rỗng (0 byte))" in out


def test_unknown_agency_reported_by_name_then_added(capsys, db, tmp_path):
    run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--agencies", "1")
    other = tmp_path / "other.sqlite3"
    code, out, _ = run(capsys, "--db", str(other), "import", str(tmp_path / "in"))
    assert code == 1 and "Sở Ngoại vụ" in out and "chưa có trong danh sách" in out
    code, out, _ = run(capsys, "--db", str(other), "held")
    assert "SNGV" in out
    code, out, _ = run(capsys, "--db", str(other), "agencies", "add", "SNGV", "Sở Ngoại vụ")
    assert code == 0 and "đã nhập" in out


def test_period_dates_and_wrong_command_lines(capsys, db):
    code, out, _ = run(capsys, "--db", db, "period", "2021-H1", "--deadline", "20/06/2021")
    assert code == 0 and "Hạn gửi\t20/06/2021" in out
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "status", "--period", "2021-H9"])
    assert exited.value.code == 2
    assert "không hợp lệ" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "export", "pdf", "--period", "2021-H1", "--out", "x"])
    assert exited.value.code == 2
    assert "lỗi dòng lệnh" in capsys.readouterr().err


def test_errors_are_sentences_not_tracebacks(capsys, db, tmp_path):
    code, _, err = run(capsys, "--db", db, "package", "--period", "2021-H1", "--agency", "KHONG",
                       "--out", str(tmp_path / "x.ttdn"))
    assert code == 1 and err.startswith("ttdn: Không có đơn vị mã «KHONG»")
    assert not (tmp_path / "x.ttdn").exists()
    bad_db = tmp_path / "notes.txt"
    bad_db.write_text("not a database")
    code, _, err = run(capsys, "--db", str(bad_db), "agencies")
    assert code == 1 and "không phải là cơ sở dữ liệu" in err


def test_console_script_runs_in_a_fresh_process(tmp_path):
    """`ttdn` as installed, in a process of its own, with TTDN_DB choosing the database."""
    script = Path(sys.executable).with_name("ttdn.exe" if os.name == "nt" else "ttdn")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ttdn_desktop"]
    env = dict(os.environ, TTDN_DB=str(tmp_path / "env.sqlite3"))
    done = subprocess.run(command + ["agencies", "add", "CAT", "Công an tỉnh"], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.sqlite3").exists()
    done = subprocess.run(command + ["bogus"], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 2 and "lỗi dòng lệnh" in done.stderr


def test_unexpected_error_is_a_sentence_and_logged(capsys, db, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise KeyError("bug")
    monkeypatch.setattr("ttdn_desktop.workspace.agencies.Agencies.all", boom)
    code, out, err = run(capsys, "--db", db, "agencies")
    assert code == 1 and "lỗi không mong đợi (KeyError)" in err and "Traceback" not in err
    log = next((tmp_path / "xdg-data").rglob("loi.log"))
    assert "KeyError: 'bug'" in log.read_text(encoding="utf-8")


def test_settings_show_and_set(capsys, db, tmp_path):
    code, out, _ = run(capsys, "--db", db, "settings")
    assert code == 0 and "layout\tparty\t#" in out and "signer_name\t" in out
    run(capsys, "--db", db, "settings", "set", "signing_capacity", "K/T TRƯỞNG BAN")
    code, out, _ = run(capsys, "--db", db, "settings", "set", "layout", "state")
    # the code and the signing capacity follow the layout (BC/… -> BC-…, K/T -> KT.)
    assert code == 0 and out.splitlines() == [
        "layout = state", "code = BC-BTGDVTU (đổi theo thể thức)",
        "signing_capacity = KT. TRƯỞNG BAN (đổi theo thể thức)"]
    code, out, _ = run(capsys, "--db", db, "settings", "set", "recipients",
                       "Như trên; Thường trực Tỉnh ủy; Lưu: VT")
    assert "Như trên; Thường trực Tỉnh ủy; Lưu: VT" in out
    code, _, err = run(capsys, "--db", db, "settings", "set", "layout", "word")
    assert code == 1 and "«state» (nhà nước) hoặc «party»" in err
    run(capsys, "--db", db, "settings", "set", "number", "05")
    run(capsys, "--db", db, "settings", "set", "code", "BC-UBND")
    run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--agencies", "2")
    run(capsys, "--db", db, "import", str(tmp_path / "in"))
    out_docx = tmp_path / "bc.docx"
    assert run(capsys, "--db", db, "export", "docx", "--period", "2021-H1", "--out",
               str(out_docx))[0] == 0
    document = Document(out_docx)
    assert document.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 05/BC-UBND"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    recipients = document.tables[1].rows[0].cells[0].text
    assert "- Như trên;\n- Thường trực Tỉnh ủy;\n- Lưu: VT." in recipients
    code, out, _ = run(capsys, "--db", db, "settings", "--agency", "SNGV")
    assert "issuing_body\tSỞ NGOẠI VỤ" in out


def test_every_option_of_every_command_says_what_it_is():
    """`ttdn demo --help` listed --period with no word of what it takes."""
    def walk(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    yield from walk(sub, f"{name} {sub_name}")
            elif action.help != argparse.SUPPRESS:
                yield name, action

    options = [(name, a) for name, a in walk(build_parser(), "ttdn") if a.option_strings]
    assert not [f"{name} {a.option_strings}" for name, a in options if not a.help]
    # a value's name in Vietnamese («--out TỆP»), never argparse's English «--out OUT»
    assert not [f"{name} {a.option_strings}" for name, a in options
                if a.nargs != 0 and not a.metavar and not a.choices]


def test_every_command_help_says_what_it_does_and_what_each_value_is(capsys):
    """`ttdn demo --help` began with its usage line: not a word of what the command does (only
    `ttdn --help` said it), and the values it takes (THƯ_MỤC, KỲ, TỆP, docx|xlsx, KHÓA…) were
    named with nothing beside them."""
    def walk(parser, name):
        yield name, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    yield from walk(sub, f"{name} {sub_name}")

    parsers = list(walk(build_parser(), "ttdn"))
    assert len(parsers) > 30
    assert not [name for name, parser in parsers if not parser.description]
    positionals = [(name, a) for name, parser in parsers for a in parser._actions
                   if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
    assert not [f"{name} {a.metavar}" for name, a in positionals if not a.help]
    for words in (["demo"], ["settings", "set"], ["export"]):
        with pytest.raises(SystemExit):
            main(words + ["--help"])
        shown = capsys.readouterr().out
        described = dict(parsers)["ttdn " + " ".join(words)].description
        assert shown.index(described.split()[0]) < shown.index("tùy chọn:")
    # the settings one can set are named where the setting is asked for
    with pytest.raises(SystemExit):
        main(["settings", "set", "--help"])
    assert "signer_title" in capsys.readouterr().out


def test_search_follows_the_one_rule_of_accents(capsys, db, tmp_path):
    """Issue 20: `ttdn search` folded every query; a word typed with accents must match."""
    run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--agencies", "1")
    run(capsys, "--db", db, "import", str(tmp_path / "in"))
    folded = run(capsys, "--db", db, "search", "ban tin")[1].splitlines()
    marked = run(capsys, "--db", db, "search", "bản tin")[1].splitlines()
    # «ban» also finds «Ban Chỉ đạo»; «bản» only the copies (bản ấn phẩm, bản tin)
    assert len(folded) > len(marked) > 0
    assert all("bản" in line for line in marked)
    assert any("Ban Chỉ đạo" in line for line in set(folded) - set(marked))
    code, out, _ = run(capsys, "--db", db, "search", "bàn tín")
    assert code == 0 and out.strip() == "Không tìm thấy «bàn tín»."


def test_agency_kinds_shown_and_set_and_filled_by_the_demo(capsys, db, tmp_path):
    """Issue 20: the kind (Loại) of each member: a list with defaults, filled by the demo, set
    with --kind or `agencies kind`; `ttdn agencies` keeps its columns."""
    run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--agencies", "8")
    code, out, _ = run(capsys, "--db", db, "agencies", "kinds")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Sở, ban, ngành\t4 đơn vị\tSNGV, STTTT, BXTDT")
    assert "Lực lượng vũ trang\t1 đơn vị\tCAT" in lines
    code, out, _ = run(capsys, "--db", db, "agencies")
    assert out.splitlines()[0] == "SNGV\tSở Ngoại vụ"  # unchanged for whoever parses it
    code, out, _ = run(capsys, "--db", db, "agencies", "add", "XA01", "UBND xã Quan Lạn",
                       "--kind", "xa, phuong, dac khu")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "agencies", "kind", "sngv", "Cơ quan báo chí")
    assert code == 0 and out == "SNGV\tSở Ngoại vụ\tCơ quan báo chí\n"
    code, out, err = run(capsys, "--db", db, "agencies", "kind", "CAT", "Hội đồng")
    assert code != 0 and "«Hội đồng» chưa có trong danh sách loại" in err
    assert run(capsys, "--db", db, "agencies", "kinds", "add", "Hội đồng")[0] == 0
    assert run(capsys, "--db", db, "agencies", "kind", "CAT", "Hội đồng")[0] == 0
    code, out, _ = run(capsys, "--db", db, "agencies", "kinds")
    assert "Xã, phường, đặc khu\t1 đơn vị\tXA01" in out and "Hội đồng\t1 đơn vị\tCAT" in out


def test_search_says_when_it_shows_only_the_first_results(capsys, db, tmp_path, monkeypatch):
    """`ttdn search "ban tin"` over a 60-agency period printed 200 lines and stopped, with not a
    word that there were more (the window said «200 kết quả.»)."""
    run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--agencies", "3")
    run(capsys, "--db", db, "import", str(tmp_path / "in"))
    every = run(capsys, "--db", db, "search", "ban")[1].splitlines()
    monkeypatch.setattr(report_door, "SEARCH_SHOWN", len(every) - 1)
    code, out, err = run(capsys, "--db", db, "search", "ban")
    assert code == 0 and out.splitlines() == every[:-1]
    assert f"{len(every) - 1} kết quả đầu tiên" in err and "thu hẹp" in err
    monkeypatch.setattr(report_door, "SEARCH_SHOWN", len(every))
    code, out, err = run(capsys, "--db", db, "search", "ban")
    assert out.splitlines() == every and "kết quả đầu tiên" not in err
