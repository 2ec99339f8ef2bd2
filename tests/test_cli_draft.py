"""`ttdn draft` (issue 24, point 5): each section's heading then the text it shows; with
--check, one tab-separated line a disagreement between an agency's text and its own figures,
exit 1 when there is any. Exact stdout and exit codes."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.merge import PASTED
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import parse_blocks
from ttdn_desktop.demo import demo_signer
from ttdn_desktop.workspace import Workspace

from .helpers import H1, SEED_BROCHURE, package
from .test_prose_check import BROCHURE


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "demo", str(tmp_path / "in"), "--agencies", "3"]) == 0
    assert main(["--db", path, "import", str(tmp_path / "in")]) == 0
    capsys.readouterr()
    return path


def run(capsys, db, *argv):
    code = main(["--db", db, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def lines_of(merge) -> list[str]:
    return [("- " if b.kind == "bullet" else "") + b.text for b in parse_blocks(merge.shown)]


def test_each_section_heading_then_the_text_it_shows(capsys, db, forms):
    with Workspace(db, forms) as workspace:
        workspace.drafts.choose(H1, "lanh_dao_chi_dao", PASTED)
        workspace.merge.save_section(H1, "kien_nghi", "Đề nghị **Bộ Ngoại giao**:\n"
                                                       "- hỗ trợ tài liệu;\n- tập huấn.")
        merged = workspace.merge.consolidation(H1)
    code, out, err = run(capsys, db, "draft", "--period", "2021-H1", "--section", "kien_nghi")
    heading = merged.section("kien_nghi").section.numbered_heading
    assert (code, out, err) == (0, f"{heading}\nĐề nghị Bộ Ngoại giao:\n- hỗ trợ tài liệu;\n"
                                   "- tập huấn.\n", "")
    code, out, err = run(capsys, db, "draft", "--period", "2021-H1")
    expected = "\n\n".join("\n".join([m.section.numbered_heading, *lines_of(m)])
                           for m in merged.sections) + "\n"
    assert (code, out, err) == (0, expected, "")
    pasted = out.split(merged.section("lanh_dao_chi_dao").section.numbered_heading + "\n")[1]
    assert pasted.startswith("Sở Ngoại vụ: ")  # the pasted section names its agencies
    drafted = merged.section("an_pham")
    assert drafted.source == "draft" and lines_of(drafted) and \
        "\n".join([drafted.section.numbered_heading, *lines_of(drafted)]) in out


def test_check_lists_each_disagreement_tab_separated_and_exits_1(capsys, db, form):
    assert run(capsys, db, "draft", "--period", "2021-H1", "--check") == (0, "", "")
    assert run(capsys, db, "agencies", "add", "CA", "Công an tỉnh")[0] == 0
    body = ReportContent({"an_pham": BROCHURE, "tap_huan": "Tổ chức 02 lớp tập huấn nghiệp vụ "
                          "thông tin đối ngoại cho 120 lượt học viên."},
                         {**SEED_BROCHURE, ("ban_an_pham", ""): 4300,
                          ("ban_an_pham", "en"): 1000, ("lop_tap_huan", ""): 2})
    sent = db.replace("cli.sqlite3", "ca.ttdn")
    with open(sent, "wb") as out:
        out.write(package(form, "CA", "Công an tỉnh", body=body, signer=demo_signer("CA")))
    assert run(capsys, db, "import", sent)[0] == 0
    # no header; the figure the agency left empty (lượt học viên) is no disagreement
    assert run(capsys, db, "draft", "--period", "2021-H1", "--check") == (
        1, "CA\tan_pham\tban_an_pham\t3800\t4300\nCA\tan_pham\tban_an_pham/en\t500\t1000\n", "")
    assert run(capsys, db, "draft", "--period", "2021-H1", "--check", "--section",
               "tap_huan") == (0, "", "")


def test_errors_keep_the_usual_codes_with_their_message_on_stderr(capsys, db):
    code, out, err = run(capsys, db, "draft", "--period", "2021-H1", "--section", "khong_co")
    assert (code, out) == (1, "") and err.startswith("ttdn: Mẫu ttdn-dinh-ky không có mục văn "
                                                     "bản «khong_co» (có: ")
    code, out, err = run(capsys, db, "draft", "--period", "2021-H1", "--check", "--section",
                         "khong_co")
    assert (code, out) == (1, "") and "«khong_co»" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "draft", "--period", "2021-13"])
    out, err = capsys.readouterr()
    assert (exit_.value.code, out) == (2, "") and "«2021-13» không hợp lệ" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "draft", "--check"])
    assert exit_.value.code == 2 and "--period" in capsys.readouterr().err
