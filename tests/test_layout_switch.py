"""Switching between the State and Party layouts keeps the letterhead consistent, or says what
is not; a sample signer is never printed."""

from dataclasses import replace

from docx import Document

from tests.helpers import demo_letterhead
from tests.uihelpers import settings_dialog
from ttdn_desktop.cli import main as ttdn
from ttdn_desktop.core import docformat
from ttdn_desktop.core.docformat import (Letterhead, agency_letterhead, convert_layout,
                                         layout_problems, missing_signer, recipient_lines,
                                         signature_lines, signer_name)
from ttdn_desktop.core.periods import Period
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.ui.before_output import BeforeOutputDialog, needs_dialog
from ttdn_desktop.workspace import Workspace

PARTY = demo_letterhead(number="127", code="BC/BTGDVTU", signer_name="Lê Văn C")


def test_party_to_state_converts_code_and_capacity():
    state = convert_layout(PARTY, "state")
    assert state.code == "BC-BTGDVTU"
    assert state.signing_capacity == "KT. TRƯỞNG BAN"
    assert state.number_line == "Số: 127/BC-BTGDVTU"  # one slash, as Nghị định 30 writes it
    back = convert_layout(state, "party")
    assert (back.code, back.signing_capacity, back.number_line) == \
        ("BC/BTGDVTU", "K/T TRƯỞNG BAN", "Số 127-BC/BTGDVTU")
    assert convert_layout(replace(PARTY, signing_capacity="T/M BAN THƯỜNG VỤ"), "state") \
        .signing_capacity == "TM. BAN THƯỜNG VỤ"


def test_what_cannot_be_converted_is_named():
    state = convert_layout(PARTY, "state")
    problems = layout_problems(state)
    assert len(problems) == 1 and "ĐẢNG BỘ TỈNH QUẢNG NINH" in problems[0]
    assert layout_problems(replace(state, superior_body="UBND TỈNH QUẢNG NINH")) == []
    unconverted = replace(PARTY, layout="state")  # as the old app left it
    problems = layout_problems(unconverted)
    assert any("BC/BTGDVTU" in p and "BC-BTGDVTU" in p for p in problems)
    assert any("K/T" in p and "KT." in p for p in problems)
    assert layout_problems(PARTY) == []


def test_placeholders_are_never_printed():
    assert missing_signer(Letterhead())  # no default name any more
    sample = replace(PARTY, signer_name="Nguyễn Văn A")
    assert missing_signer(sample) and signer_name(sample) == ""
    member = agency_letterhead(PARTY, "SNGV", "Sở Ngoại vụ")
    assert "THỦ TRƯỞNG CƠ QUAN" not in signature_lines(member) and missing_signer(member)
    assert not missing_signer(PARTY)


def test_recipients_punctuation_of_each_layout():
    lines = ["Ban Chỉ đạo TTĐN tỉnh (b/c)", "Lưu: VT, TTTH"]
    assert recipient_lines(lines, "state") == ["- Ban Chỉ đạo TTĐN tỉnh (b/c);", "- Lưu: VT, TTTH."]
    assert recipient_lines(lines, "party") == ["- Ban Chỉ đạo TTĐN tỉnh (b/c),", "- Lưu VT, TTTH."]


def test_cli_switch_then_export(tmp_path, capsys, workspace):
    db = str(workspace.path)
    workspace.close()
    assert ttdn(["--db", db, "settings", "set", "signer_name", "Lê Văn C"]) == 0
    assert ttdn(["--db", db, "settings", "set", "number", "127"]) == 0
    capsys.readouterr()
    assert ttdn(["--db", db, "settings", "set", "layout", "state"]) == 0
    out, err = capsys.readouterr()
    assert "code = BC-BTGDVTU" in out and "signing_capacity = KT. TRƯỞNG BAN" in out
    assert "ĐẢNG BỘ TỈNH QUẢNG NINH" in err  # what could not be converted is said
    docx = tmp_path / "bc.docx"
    assert ttdn(["--db", db, "export", "docx", "--period", "2021-H1", "--out", str(docx)]) == 0
    assert "ĐẢNG BỘ" in capsys.readouterr().err  # said again at export
    document = Document(docx)
    header = document.tables[0]
    text = "\n".join(c.text for row in header.rows for c in row.cells)
    assert "Số: 127/BC-BTGDVTU" in text and "//" not in text
    signature = "\n".join(c.text for c in document.tables[1].rows[0].cells)
    assert "KT. TRƯỞNG BAN" in signature and "K/T" not in signature


def test_cli_warns_when_no_signer(tmp_path, capsys, workspace):
    db = str(workspace.path)
    workspace.close()
    docx = tmp_path / "bc.docx"
    assert ttdn(["--db", db, "export", "docx", "--period", "2021-H1", "--out", str(docx)]) == 0
    assert "chưa có người ký" in capsys.readouterr().err
    signature = Document(docx).tables[1].rows[0].cells[1]
    assert "Nguyễn Văn A" not in signature.text


def test_settings_dialog_converts_on_switch(qtbot, workspace):
    dialog = settings_dialog(qtbot, workspace)
    form = dialog.form
    assert form.inputs["signer_name"].text() == ""
    assert form.inputs["signer_name"].placeholderText()  # a hint, not a value
    combo = form.inputs["layout"]
    combo.setCurrentIndex(combo.findData("state"))
    combo.activated.emit(combo.currentIndex())  # as a user's choice in the list
    assert form.inputs["code"].text() == "BC-BTGDVTU"
    assert form.inputs["signing_capacity"].toPlainText() == "KT. TRƯỞNG BAN"
    assert "ĐẢNG BỘ TỈNH QUẢNG NINH" in form.problems.text()
    form.inputs["superior_body"].setPlainText("UBND TỈNH QUẢNG NINH")
    assert form.problems.text() == ""
    dialog.save()
    dialog.ops.wait()
    saved = workspace.setup.letterhead()
    assert (saved.layout, saved.code, saved.signing_capacity) == \
        ("state", "BC-BTGDVTU", "KT. TRƯỞNG BAN")
    document_path = workspace.path.parent / "r.docx"
    write_report_docx(workspace.merge.consolidation(Period.parse("2021-H1")), document_path, saved)
    assert "CỘNG HÒA" in Document(document_path).tables[0].rows[0].cells[1].text


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_fresh_database_assumes_no_province(tmp_path, capsys, forms):
    """Issue 12: a database set up from the command line prints no province nobody typed, and
    the export names what is missing with the labels users read and the command that sets it."""
    db = tmp_path / "fresh.sqlite3"
    Workspace(db, forms).close()
    docx = tmp_path / "bc.docx"
    assert ttdn(["--db", str(db), "export", "docx", "--period", "2021-H1", "--out", str(docx)]) == 0
    err = capsys.readouterr().err
    assert "«Địa danh»" in err and "ttdn settings set place" in err
    assert "«Cơ quan chủ quản»" in err and "ttdn settings set superior_body" in err
    text = _all_text(Document(docx))
    assert "quảng ninh" not in text.casefold()
    assert "……, ngày" in text  # a place to write by hand, not a line starting with ","
    assert "PHÓ TRƯỞNG BAN" not in text  # no signer's title assumed either

    assert ttdn(["--db", str(db), "settings", "set", "place", "Hạ Long"]) == 0
    assert ttdn(["--db", str(db), "settings", "set", "superior_body",
                 "ĐẢNG BỘ TỈNH QUẢNG NINH"]) == 0
    capsys.readouterr()
    assert ttdn(["--db", str(db), "export", "docx", "--period", "2021-H1", "--out", str(docx)]) == 0
    err = capsys.readouterr().err
    assert "Địa danh" not in err and "Cơ quan chủ quản" not in err
    text = _all_text(Document(docx))
    assert "Hạ Long, ngày" in text and "ĐẢNG BỘ TỈNH QUẢNG NINH" in text  # set, so printed


def test_missing_place_is_asked_before_output(qtbot, workspace):
    letterhead = replace(workspace.setup.letterhead(), place="", superior_body="",
                         signer_name="Lê Văn C")
    assert needs_dialog(letterhead)
    dialog = BeforeOutputDialog(letterhead, "in")
    qtbot.addWidget(dialog)
    labels = dialog.findChildren(type(dialog.error))
    shown = "\n".join(label.text() for label in labels)
    assert "«Địa danh»" in shown and "«Cơ quan chủ quản»" in shown
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # may go on
    assert dialog.values() == {}  # left blank: nothing saved
    dialog.inputs["place"].setText("Hạ Long")
    assert dialog.values() == {"place": "Hạ Long"}
    assert not needs_dialog(replace(letterhead, place="Hạ Long", superior_body="ĐẢNG BỘ TỈNH X"))


def test_a_sample_signer_is_said_why_it_is_not_taken(qtbot, workspace):
    """«Nguyễn Văn A» typed as the signer left «Tiếp tục» greyed with no word why (found in
    the real window, issue 21); the menu named is the one that exists."""
    letterhead = replace(workspace.setup.letterhead(), signer_name="", signer_title="",
                         layout=docformat.PARTY, superior_body="UBND TỈNH QUẢNG NINH")
    dialog = BeforeOutputDialog(letterhead, "in")
    qtbot.addWidget(dialog)
    shown = "\n".join(label.text() for label in dialog.findChildren(type(dialog.error)))
    assert "là cơ quan nhà nước" in shown
    assert "<i>Công cụ › Thiết lập…</i>" in shown  # not «Thiết lập thể thức báo cáo»
    go_on = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.inputs["signer_title"].setText("PHÓ TRƯỞNG BAN")
    dialog.inputs["signer_name"].setText("Nguyễn Văn A")
    assert not go_on.isEnabled()
    assert "«Nguyễn Văn A»" in dialog.error.text() and "họ tên thật" in dialog.error.text()
    dialog.inputs["signer_name"].setText("Lê Văn C")
    assert go_on.isEnabled() and dialog.error.text() == ""
    dialog.inputs["signer_title"].setText("Thủ trưởng cơ quan")
    assert not go_on.isEnabled() and "«Thủ trưởng cơ quan»" in dialog.error.text()
