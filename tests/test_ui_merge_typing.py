"""What the secretariat types into the consolidated text is body text, even beside an agency's
label («Sở Ngoại vụ:», bold italic), in the editor and in the Word export; and it is kept when
another section is shown before it is written, or when the disk refuses it for a while."""

from docx import Document
from PySide6.QtGui import QFont, QFontMetrics, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period

from .uihelpers import _merge_window, type_text

H1 = Period.parse("2021-H1")


def _formats(editor, start: int, length: int) -> set[tuple[bool, bool]]:
    """(bold, italic) of each character from `start`."""
    found = set()
    for position in range(start + 1, start + length + 1):
        cursor = QTextCursor(editor.document())
        cursor.setPosition(position)
        fmt = cursor.charFormat()  # of the character before the position
        found.add((fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic()))
    return found


def test_text_typed_beside_an_agency_label_is_body_text(qtbot, tmp_path, forms):
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms, pasted=True)
    merge.sections.setCurrentRow(0)
    editor = merge.editor.editor
    assert editor.toPlainText().startswith("Sở Ngoại vụ:")
    assert _formats(editor, 0, 3) == {(True, True)}  # the label, as the merge wrote it
    cursor = editor.textCursor()
    cursor.setPosition(0)  # before «Sở Ngoại vụ:»
    editor.setTextCursor(cursor)
    # the tool bar tells what typing there gives
    assert not merge.editor.bold_action.isChecked()
    assert not merge.editor.italic_action.isChecked()
    type_text(editor, "Đầu mục. ")
    assert editor.toPlainText().startswith("Đầu mục. Sở Ngoại vụ:")
    assert _formats(editor, 0, len("Đầu mục. ")) == {(False, False)}
    # just after the label's colon: body text too
    label_end = len("Đầu mục. Sở Ngoại vụ:")
    cursor.setPosition(label_end)
    editor.setTextCursor(cursor)
    type_text(editor, " Bổ sung")
    assert _formats(editor, label_end, len(" Bổ sung")) == {(False, False)}
    assert _formats(editor, len("Đầu mục. "), len("Sở Ngoại vụ:")) == {(True, True)}
    merge.save_now()
    main.ops.wait()
    first = workspace.merge.consolidation(H1).sections[0]
    assert first.edited.startswith("Đầu mục. ***Sở Ngoại vụ:*** Bổ sung")
    out = tmp_path / "tong-hop.docx"
    workspace.files.report_docx(H1, out)
    [paragraph] = [p for p in Document(str(out)).paragraphs if p.text.startswith("Đầu mục.")]
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in paragraph.runs]
    assert runs[0] == ("Đầu mục. ", False, False)  # read back: not bold, not italic
    assert runs[1] == ("Sở Ngoại vụ:", True, True)
    assert runs[2][0].startswith(" Bổ sung") and runs[2][1:] == (False, False)
    main.close()
    workspace.close()


def test_bold_chosen_at_a_label_is_kept(qtbot, tmp_path, forms):
    """Only the label's format is not carried on: bold the user asks for there is bold."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms, pasted=True)
    merge.sections.setCurrentRow(0)
    editor = merge.editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    merge.editor.bold_action.trigger()  # asked for at the label's edge
    type_text(editor, "Tóm tắt")
    assert _formats(editor, 0, len("Tóm tắt")) == {(True, False)}
    main.close()
    workspace.close()


def test_text_from_an_input_method_beside_a_label_is_body_text(qtbot, tmp_path, forms):
    """UniKey, EVKey or an IME may hand in whole words rather than keys."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms, pasted=True)
    merge.sections.setCurrentRow(0)
    editor = merge.editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    editor.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("Việt ")
    QApplication.sendEvent(editor, event)
    assert editor.toPlainText().startswith("Việt Sở Ngoại vụ:")
    assert _formats(editor, 0, len("Việt ")) == {(False, False)}
    main.close()
    workspace.close()


def test_section_headings_keep_their_accents_whole(qtbot, tmp_path, forms):
    """The list of sections gave each heading its font's line height, and capitals' stacked
    accents («CÔNG», «LÃNH», «KẾT») rise above a line's ascent: in the top row, whichever
    heading the list was scrolled to, they were cut by the list's edge."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms, pasted=True)
    sections = merge.sections
    metrics = QFontMetrics(sections.font())
    # how far the tallest capital with accents reaches above the ascent
    overshoot = -metrics.boundingRect("ỄẪẬỘ").top() - metrics.ascent()
    for row in (0, 1, 2):
        sections.scrollToItem(sections.item(row), sections.ScrollHint.PositionAtTop)
        rects = [sections.visualItemRect(sections.item(i)) for i in range(sections.count())]
        room = min(r.top() for r in rects if r.bottom() >= 0)  # above the top row's text
        assert room >= overshoot, (row, room, overshoot)
    main.close()
    workspace.close()


def test_merged_text_typed_then_sections_switched_fast_is_kept(qtbot, tmp_path, forms):
    """Typed into the merged text of a section, another section and back before the worker has
    written it: the section shows what was typed, and what follows is saved with it (it showed
    the text without it, and the next save wrote that)."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    assert merge.period == H1
    merge.sections.setCurrentRow(0)
    type_text(merge.editor.editor, "Một. ")
    merge.sections.setCurrentRow(1)  # the first section's text is queued for writing...
    merge.sections.setCurrentRow(0)  # ...and shown again before it is written
    assert merge.editor.plain_text().startswith("Một. ")
    type_text(merge.editor.editor, "Hai. ")
    merge.save_now()
    main.ops.wait()
    first = workspace.merge.consolidation(H1).sections[0]
    assert first.is_edited and "Hai. Một. " in first.edited.replace("*", "")
    main.close()
    workspace.close()


def test_merged_text_not_written_is_shown_again_and_written_later(qtbot, tmp_path, forms,
                                                                  monkeypatch):
    """The disk refused the merged text of a section left for another: back in it, the text
    is there and is written at the next save."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    merge.sections.setCurrentRow(0)

    def refused(self, *args, **kwargs):
        raise TTDNError("Ổ đĩa đang bận.")

    with monkeypatch.context() as disk:  # busy for this save only
        disk.setattr("ttdn_desktop.workspace.merge.Merge.save_section", refused)
        type_text(merge.editor.editor, "Một. ")
        merge.sections.setCurrentRow(1)  # its save is refused
        main.ops.wait()
    merge.sections.setCurrentRow(0)
    assert merge.editor.plain_text().startswith("Một. ")
    merge.save_now()
    main.ops.wait()
    first = workspace.merge.consolidation(H1).sections[0]
    assert first.is_edited and first.edited.replace("*", "").startswith("Một. ")
    main.close()
    workspace.close()
