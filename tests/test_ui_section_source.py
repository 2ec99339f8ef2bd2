"""The merge view's «Mục này dùng:» (issue 24, point 4): which of the draft, the pasted texts
and the edited text a section shows, switched per section with «Hoàn tác»; an edited text set
aside is never typed over; the draft's grouping chosen for the period."""

from ttdn_desktop.core.merge import DRAFT, EDITED, PASTED
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.storage.consolidated import edited_records
from ttdn_desktop.storage.section_sources import chosen_sources, draft_grouping

from .helpers import H1
from .uihelpers import _merge_window, type_text


def pick(main, box, data) -> None:
    """As the user picks an entry of the list."""
    index = box.findData(data)
    assert box.model().item(index).isEnabled()
    box.setCurrentIndex(index)
    box.activated.emit(index)
    main.ops.wait()


def test_a_section_switches_between_draft_pasted_and_edited(qtbot, tmp_path, forms):
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    merge.sections.setCurrentRow(0)
    section_id = merge.section_id
    editor, choice = merge.editor.editor, merge.source
    shown = merge.merge_of(section_id)
    assert choice.source == DRAFT and shown.drafted
    assert editor.toPlainText() == plain_text(shown.drafted)
    assert not choice.box.model().item(choice.box.findData(EDITED)).isEnabled()
    assert choice.box.currentText() == "Bản dự thảo" and not choice.undo_button.isVisibleTo(choice)

    pick(main, choice.box, PASTED)
    assert editor.toPlainText().startswith("Sở Ngoại vụ:")
    assert chosen_sources(workspace.db, H1, workspace.form.id) == {section_id: PASTED}
    assert choice.undo_button.isVisibleTo(choice) and choice.source == PASTED
    choice.undo_button.click()
    main.ops.wait()
    assert choice.source == DRAFT and editor.toPlainText() == plain_text(shown.drafted)
    assert not choice.undo_button.isVisibleTo(choice)

    # typing into the draft makes it the section's edited text (and ends the switch's undo)
    pick(main, choice.box, PASTED)
    pick(main, choice.box, DRAFT)
    assert choice.undo_button.isVisibleTo(choice)
    type_text(editor, "Mở đầu. ")
    merge.save_now()
    main.ops.wait()
    assert choice.source == EDITED and not choice.undo_button.isVisibleTo(choice)
    text = edited_records(workspace.db, H1, workspace.form.id)[section_id][0]
    assert text.startswith("Mở đầu. ")
    # set aside for the draft: shown only, never typed over, and taken up again intact
    pick(main, choice.box, DRAFT)
    assert editor.isReadOnly() and editor.toPlainText() == plain_text(shown.drafted)
    type_text(editor, "gõ nhầm")
    merge.save_now()
    main.ops.wait()
    assert edited_records(workspace.db, H1, workspace.form.id)[section_id][0] == text
    pick(main, choice.box, EDITED)
    assert not editor.isReadOnly() and editor.toPlainText() == plain_text(text)
    assert merge.sections.currentItem().text().startswith("✎")
    main.close()
    workspace.close()


def test_the_draft_grouping_is_chosen_for_the_period(qtbot, tmp_path, forms):
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    box = merge.grouping.box
    assert box.currentData() == "members" and box.currentText() == "theo thứ tự thành viên"
    pick(main, box, "kinds")
    assert draft_grouping(workspace.db, H1, workspace.form.id) == "kinds"
    assert merge.merged.grouping == "kinds" and box.currentData() == "kinds"
    main.close()
    workspace.close()
