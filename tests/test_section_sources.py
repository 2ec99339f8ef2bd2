"""What each merged section shows (issue 24, point 4): the draft by default, rebuilt as reports
arrive; the agencies' texts pasted under their names where the secretariat chose them; its own
edited text, never overwritten. Stored per section (schema v15), read by the Word export, print
and the upward package."""

import sqlite3

import pytest
from docx import Document

from ttdn_desktop.core import printed
from ttdn_desktop.core.drafting import draft_sections
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import DRAFT, EDITED, PASTED
from ttdn_desktop.core.richtext import parse_blocks
from ttdn_desktop.demo import demo_agencies, demo_content, report_id_for
from ttdn_desktop.storage import database, migrations
from ttdn_desktop.workspace import Workspace

from .helpers import H1, package
from .uihelpers import set_up_secretariat


@pytest.fixture
def centre(workspace):
    set_up_secretariat(workspace, 3)
    return workspace


def receive(workspace, tmp_path, code, revision=1, body=None):
    name = dict(demo_agencies(3))[code]
    data = package(workspace.form, code, name, report_id=report_id_for(code, H1),
                   revision=revision, supersedes=revision - 1 or None,
                   body=body or demo_content(workspace.form, code, name, H1))
    path = tmp_path / f"{code}-{revision}.ttdn"
    path.write_bytes(data)
    [result] = workspace.imports.run([path])
    assert result.ok, result.line()


def codes():
    return [code for code, _ in demo_agencies(3)]


def section_of(workspace, section_id):
    return workspace.merge.consolidation(H1).section(section_id)


def test_an_unedited_section_shows_the_draft_and_a_new_report_rebuilds_it(centre, tmp_path):
    first, second, _ = codes()
    receive(centre, tmp_path, first)
    merged = centre.merge.consolidation(H1)
    assert {m.source for m in merged.sections} == {DRAFT}
    before = merged.section("an_pham").shown
    assert before and before == draft_sections(merged, None, "members", {})["an_pham"]
    receive(centre, tmp_path, second)
    merged = centre.merge.consolidation(H1)
    after = merged.section("an_pham").shown
    assert after == draft_sections(merged, None, "members", {})["an_pham"] and after != before


def test_pasted_texts_are_chosen_per_section_and_kept(centre, tmp_path):
    first, second, _ = codes()
    receive(centre, tmp_path, first)
    receive(centre, tmp_path, second)
    centre.drafts.choose(H1, "an_pham", PASTED)
    with Workspace(centre.path, centre.forms) as again:
        merged = again.merge.consolidation(H1)
    shown = merged.section("an_pham")
    names = dict(demo_agencies(3))
    assert shown.source == PASTED
    assert shown.shown.startswith(f"***{names[first]}:***") and f"***{names[second]}:***" in \
        shown.shown
    assert all(m.source == DRAFT for m in merged.sections if m.section.id != "an_pham")


def test_the_edited_text_is_never_overwritten_and_can_be_set_aside(centre, tmp_path):
    first, second, _ = codes()
    receive(centre, tmp_path, first)
    receive(centre, tmp_path, second)
    centre.merge.save_section(H1, "an_pham", "Văn bản **của Văn phòng**.")
    assert section_of(centre, "an_pham").source == EDITED
    body = demo_content(centre.form, first, "x", H1)
    body.sections["an_pham"] = "Bản mới của đơn vị."
    receive(centre, tmp_path, first, revision=2, body=body)
    merge = section_of(centre, "an_pham")
    assert merge.shown == "Văn bản **của Văn phòng**."
    assert [a.code for a, _ in merge.changed_since_edit] == [first]
    centre.drafts.choose(H1, "an_pham", DRAFT)
    merge = section_of(centre, "an_pham")
    assert merge.source == DRAFT and merge.shown == merge.drafted and merge.shown
    assert merge.edited == "Văn bản **của Văn phòng**." and merge.changed_since_edit == []
    centre.drafts.choose(H1, "an_pham", EDITED)
    merge = section_of(centre, "an_pham")
    assert merge.shown == "Văn bản **của Văn phòng**." and merge.changed_since_edit


def test_a_choice_that_cannot_be_is_refused_and_changes_nothing(centre, tmp_path):
    receive(centre, tmp_path, codes()[0])
    with pytest.raises(TTDNError, match="chưa có văn bản đã sửa"):
        centre.drafts.choose(H1, "an_pham", EDITED)
    with pytest.raises(TTDNError, match="không có mục văn bản «khong_co»"):
        centre.drafts.choose(H1, "khong_co", PASTED)
    with pytest.raises(TTDNError, match="Không có loại văn bản"):
        centre.drafts.choose(H1, "an_pham", "nguyen_van")
    with pytest.raises(TTDNError, match="Không có cách xếp"):
        centre.drafts.set_grouping(H1, "abc")
    assert centre.db.execute("SELECT COUNT(*) FROM section_sources").fetchone()[0] == 0
    assert centre.drafts.grouping(H1) == "members"


def test_the_grouping_chosen_goes_to_the_draft_with_the_member_kinds(centre, tmp_path):
    first, second, _ = codes()
    centre.agencies.update(first, kind="Xã, phường, đặc khu")
    receive(centre, tmp_path, first)
    receive(centre, tmp_path, second)
    centre.drafts.set_grouping(H1, "kinds")
    merged = centre.merge.consolidation(H1)
    assert merged.grouping == "kinds"
    expected = draft_sections(merged, None, "kinds", {first: "Xã, phường, đặc khu"})
    assert {m.section.id: m.shown for m in merged.sections if m.section.id in expected} == \
        expected


def test_a_database_of_the_previous_release_opens_with_its_edits_shown(tmp_path, monkeypatch,
                                                                       forms):
    """Schema 10, as the release before left it: an edited section and a section never
    edited. The edited one keeps showing its text; the other shows the draft."""
    path = tmp_path / "cu.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    db = database.open_database(path)
    db.execute("INSERT INTO consolidated_sections (period_code, form_id, section_id, text, "
               "based_on, edited_at) VALUES ('2021-H1', ?, 'kien_nghi', 'Đề nghị đã sửa.', "
               "'{}', '2021-07-01T08:00:00')", [forms.latest().id])
    db.conn.commit()
    db.close()
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(database, "LATEST", migrations.LATEST)
    with Workspace(path, forms) as workspace:
        set_up_secretariat(workspace, 1)
        receive(workspace, tmp_path, codes()[0])
        merged = workspace.merge.consolidation(H1)
        assert merged.section("kien_nghi").source == EDITED
        assert merged.section("kien_nghi").shown == "Đề nghị đã sửa."
        assert merged.section("an_pham").source == DRAFT
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    raw.close()


def paragraphs_of(markup: str) -> list[str]:
    return [block.text for block in parse_blocks(markup)]


def test_word_export_print_and_upward_use_what_each_section_shows(centre, tmp_path):
    first, second, _ = codes()
    names = dict(demo_agencies(3))
    receive(centre, tmp_path, first)
    receive(centre, tmp_path, second)
    centre.drafts.choose(H1, "lanh_dao_chi_dao", PASTED)
    centre.merge.save_section(H1, "kien_nghi", "Kiến nghị **đã sửa** của Văn phòng.")
    merged = centre.merge.consolidation(H1)
    draft = merged.section("an_pham").shown
    assert draft and merged.section("an_pham").source == DRAFT

    out = tmp_path / "tong-hop.docx"
    centre.files.report_docx(H1, out)
    text = [p.text for p in Document(out).paragraphs]
    for line in paragraphs_of(draft):
        assert line in text
    # the agencies' own text of the drafted section is not pasted under their names
    agency_text = demo_content(centre.form, first, names[first], H1).sections["an_pham"]
    assert not any(t.startswith(f"{names[first]}:") and paragraphs_of(agency_text)[0] in t
                   for t in text)
    pasted = [t for t in text if t.startswith(f"{names[first]}: ")]
    assert pasted, "the pasted section names its agencies"
    assert "Kiến nghị đã sửa của Văn phòng." in text

    # print walks the same model
    bodies = dict((section.id, texts) for section, texts in printed.body_sections(merged, True))
    assert bodies["an_pham"] == [(None, draft)]
    assert bodies["kien_nghi"] == [(None, "Kiến nghị **đã sửa** của Văn phòng.")]
    assert [name for name, _ in bodies["lanh_dao_chi_dao"]][:2] == [names[first], names[second]]

    # the package sent upward carries the same texts
    report = centre.upward.report(H1)
    assert report.content.sections["an_pham"] == draft
    assert report.content.sections["kien_nghi"] == "Kiến nghị **đã sửa** của Văn phòng."
    assert report.content.sections["lanh_dao_chi_dao"] == \
        merged.section("lanh_dao_chi_dao").pasted


def test_the_draft_is_made_again_whenever_what_it_is_made_from_changes(centre, tmp_path):
    """The door keeps the last drafts under the digest of their inputs: a layout, a grouping
    or a member's «Loại» changed gives the draft the function makes from them now."""
    first, second, third = codes()
    for code in (first, second, third):
        receive(centre, tmp_path, code)

    def made_now(merged, kinds):
        return {m.section.id: m.shown for m in merged.sections if m.source == DRAFT} == \
            {k: v for k, v in draft_sections(merged, None, merged.grouping, kinds).items()}

    before = centre.merge.consolidation(H1)
    assert made_now(before, {})
    centre.merge.set_order(H1, "an_pham", [first, second, third], {second})
    merged = centre.merge.consolidation(H1)
    assert made_now(merged, {}) and merged.section("an_pham").shown != \
        before.section("an_pham").shown
    centre.merge.set_order(H1, "an_pham", [first, second, third], set())
    centre.drafts.set_grouping(H1, "kinds")
    before = centre.merge.consolidation(H1)
    assert made_now(before, {})
    kinds = {first: "Sở, ban, ngành", second: "Lực lượng vũ trang", third: "Sở, ban, ngành"}
    for code, kind in kinds.items():
        centre.agencies.update(code, kind=kind)
    merged = centre.merge.consolidation(H1)
    assert made_now(merged, kinds)
    assert merged.section("an_pham").shown != before.section("an_pham").shown
