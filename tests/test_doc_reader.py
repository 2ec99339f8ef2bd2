"""Word 97–2003 documents (.doc) read as Word shows them, into the same body as a .docx.

Three sources: reports LibreOffice saves both as .doc and as .docx (the two readings must
agree), documents Word itself wrote (Apache POI's test files, tests/data/doc/README.md), and
damaged or hostile files (a PackageError naming the file, never another exception)."""

import io
import random
from datetime import datetime
from pathlib import Path

import olefile
import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange import msdoc
from ttdn_desktop.exchange.doc_body import _Props, saved_time
from ttdn_desktop.exchange.docx_body import Para, Table
from ttdn_desktop.exchange.docx_import import import_word_report, read_word_body
from ttdn_desktop.exchange.unpack import DOCX, content_kind

from .ci_tools import require
from .lofiles import FODT_HEAD, convert_all
from .msgfile import make_msg
from .wordfiles import legacy_report, numbered_report, styled_report

DATA = Path(__file__).parent / "data" / "doc"
AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]


@pytest.fixture(scope="session")
def saved(tmp_path_factory):
    """{source name: (.doc bytes, .docx bytes)}, both written by LibreOffice from one source."""
    require("soffice")  # the .doc files are LibreOffice's
    extra = {"numbered.docx": numbered_report(), "styled.docx": styled_report(),
             "legacy.docx": legacy_report()}
    folder = tmp_path_factory.mktemp("lo-doc")
    docs = convert_all(folder / "doc", extra, to="doc:MS Word 97")
    docxs = convert_all(folder / "docx", extra)
    return {name: (docs[name], docxs[name]) for name in docs if name in docxs}


def seen(blocks):
    """What a reader of the document sees of each block (style names aside: LibreOffice
    names its styles differently in the two formats, "Text Body" and "Body Text")."""
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append((block.shown, block.markup, block.bold, block.number, block.num_format,
                        block.num_level, block.outline, block.in_table, block.listed))
        else:
            out.append(block.rows)
    return out


SAME = ["title_alone.html", "title_break.html", "title_oneline.html", "no_title.html",
        "nothing.html", "numbered.docx", "styled.docx", "legacy.docx"]


@pytest.mark.parametrize("name", SAME)
def test_doc_reads_as_the_docx_of_the_same_report(saved, name):
    doc, docx = saved[name]
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    from_doc = read_word_body("bao-cao.doc", doc)
    from_docx = read_word_body("bao-cao.docx", docx)
    assert seen(from_doc.blocks) == seen(from_docx.blocks)
    assert from_doc.legacy_runs == from_docx.legacy_runs
    assert from_doc.saved_at == from_docx.saved_at


def test_headings_numbers_bullets_tables_and_bold_of_a_doc(saved):
    blocks = read_word_body("bao-cao.doc", saved["title_break.html"][0]).blocks
    headings = [(b.number, b.num_format, b.text) for b in blocks
                if isinstance(b, Para) and b.number]
    assert headings[:3] == [("I.", "upperRoman", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
                            ("II.", "upperRoman", "KẾT QUẢ THỰC HIỆN"),
                            ("1.", "decimal", "Thông tin, tuyên truyền trên báo chí, phát "
                                              "thanh, truyền hình")]
    assert all(b.bold for b in blocks if isinstance(b, Para) and b.number)
    title = next(b for b in blocks if isinstance(b, Para) and b.text.startswith("BÁO CÁO"))
    assert title.text == "BÁO CÁO\nKết quả công tác thông tin đối ngoại quý III năm 2021"
    numbered = read_word_body("x.doc", saved["numbered.docx"][0]).blocks
    letterhead, *_, annex = [b for b in numbered if isinstance(b, Table)]
    assert letterhead.rows[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - " \
                                    "Hạnh phúc"
    assert annex.rows[3] == ["3", "Bài viết phản bác thông tin sai trái", "bài", "1.250"]
    sentence = next(b for b in numbered if isinstance(b, Para) and "3.800" in b.text)
    assert "**3.800 bản**" in sentence.markup and not sentence.bold
    legacy = read_word_body("x.doc", saved["legacy.docx"][0])
    assert legacy.legacy_runs > 0


def test_outline_numbering_fields_and_tracked_changes_of_a_doc(saved):
    doc, docx = saved["outline.fodt"]
    blocks = read_word_body("x.doc", doc).blocks
    shown = [b.shown for b in blocks]
    assert "I. Công tác lãnh đạo, chỉ đạo" in shown
    assert "1. Cung cấp thông tin cho báo chí" in shown
    assert "a) Họp báo định kỳ" in shown
    assert "Ban hành kế hoạch mới số 111." in shown          # deleted text left out
    assert not any("Chú thích" in s or "Nhận xét" in s for s in shown)  # footnote, comment
    # a text frame is a text box in a .doc, outside the main text: read where it is anchored
    assert "Trong khung: tổ chức 4 cuộc họp báo." in shown
    assert seen(blocks) == seen(read_word_body("x.docx", docx).blocks)


def test_adjacent_tables_are_one_table_in_a_doc(saved):
    # a .doc cannot hold two tables with nothing between them: Word shows them as one
    blocks = read_word_body("x.doc", saved["tables.html"][0]).blocks
    table = next(b for b in blocks if isinstance(b, Table) and "TT" in b.rows[1])
    assert table.rows[0] == ["II. KẾT QUẢ THỰC HIỆN"] * 3
    assert table.rows[2] == ["1", "Tuyên truyền về biển, đảo, biên giới",
                             "Tổ chức cuộc thi tìm hiểu chủ quyền biển, đảo."]
    merged = next(b for b in blocks if isinstance(b, Table) and "Chỉ tiêu" in b.rows[0])
    assert merged.rows[:2] == [["Chỉ tiêu", "Đơn vị tính", "Kết quả", "Kết quả"],
                               ["Chỉ tiêu", "Đơn vị tính", "2021", "2020"]]


@pytest.mark.parametrize("name", ["title_alone.html", "title_break.html", "no_title.html",
                                  "numbered.docx", "styled.docx", "outline.fodt"])
def test_a_doc_report_imports_as_its_docx(saved, form, name):
    doc, docx = saved[name]
    from_doc = import_word_report("bao-cao.doc", doc, form, AGENCIES)
    from_docx = import_word_report("bao-cao.docx", docx, form, AGENCIES)
    assert [(m.heading, m.section_id) for m in from_doc.matches] == \
        [(m.heading, m.section_id) for m in from_docx.matches]
    assert from_doc.agency_guess == from_docx.agency_guess
    assert from_doc.period_guess == from_docx.period_guess
    assert from_doc.sections == from_docx.sections  # a text frame, a text box in the .doc, too
    assert from_doc.proposals == from_docx.proposals


# --- written by Word ------------------------------------------------------------------------
def word(name: str):
    return read_word_body(name, (DATA / name).read_bytes()).blocks


def test_word_lists_bullets_and_multilevel_numbers():
    blocks = word("Lists.doc")
    assert (blocks[0].text, blocks[0].outline, blocks[0].bold) == ("Heading Level 1", 1, True)
    shown = {b.text: (b.number, b.num_format, b.num_level) for b in blocks}
    assert shown["Unordered list 1"][1] == "bullet"
    assert shown["Ordered list 1"] == ("1.", "decimal", 0)
    assert shown["OL 3"] == ("3.", "decimal", 0)
    assert shown["OL 2.2.1"] == ("2.2.1.", "decimal", 2)
    assert shown["OL 2.2.3"] == ("2.2.3.", "decimal", 2)
    assert shown["ML 2:1"][1:] == ("bullet", 1)
    assert [b.shown for b in word("simple-list.doc")][1:4] == [
        "1. First item in list", "2. Second item in list", "3. Third item in list"]


def test_word_table_between_paragraphs():
    first, table, last = word("simple-table.doc")
    assert first.text.startswith("This is a Word document that was created using Word 97")
    assert table.rows == [["Cell 1,1", "Cell 1,2", "Cell 1,3"],
                          ["Cell 2,1", "Cell 2,2", "Cell 2,3"]]
    assert all(p.in_table for row in table.cells for cell in row for p in cell)
    assert last.text == "This text is below the table." and not last.in_table


def test_word_fields_show_their_result_and_notes_stay_out():
    """Notes and comments stay out; the text box Word anchored in the first paragraph is
    read after it, its field as its result."""
    shown = [b.shown for b in word("test-fields.doc")]
    assert shown == ["19/11/2010 14:49:00", "Field in text box: 2",
                     "Here is a link to an endnote",
                     "Here is a link to a footnote", "Some annotation linking here"]


def test_word_unicode_text_without_headers_and_footers():
    blocks = word("HeaderFooterUnicode.doc")
    text = "\n".join(b.text for b in blocks)
    assert "GBP - £" in text and "EUR - €" in text and "L'Avare ou l'École du mensonge" in text
    assert "header" not in text.lower().replace("headers and footers", "")
    assert "The footer" not in text
    heading = next(b for b in blocks if b.text == "Molière")
    assert (heading.outline, heading.bold, heading.style) == (1, True, "Heading 1")
    last = blocks[-1]
    assert last.markup == "This is page two. *Les Précieuses ridicules.* The end."


def test_word_symbol_and_drop_cap_read_as_shown():
    assert [b.text for b in word("Bug49908.doc")] == ["This is a symbol:"]
    blocks = word("test.doc")
    assert "a" not in [b.text for b in blocks]            # the drop cap is no paragraph
    dropped = next(b for b in blocks if b.text.startswith("adsadasdasdasd asd"))
    assert dropped.markup.startswith("**adsadasdasdasd asd asd asdasdasda sdas d asda**")
    assert blocks[0].markup == "My name is Ryan **This is a test** blahblahblayh This is " \
                               "another test"           # runs split by size alone: one run


def test_toggles_are_read_against_the_style():
    bold, italic, vanish = msdoc.C_BOLD.to_bytes(2, "little"), \
        msdoc.C_ITALIC.to_bytes(2, "little"), msdoc.C_VANISH.to_bytes(2, "little")
    sheet = msdoc.StyleSheet({
        0: msdoc.Style("Normal"),
        1: msdoc.Style("heading 1", sti=1, base=0, chpx=bold + b"\x01"),
        2: msdoc.Style("Hidden Text", base=0, chpx=vanish + b"\x81"),
        3: msdoc.Style("Loop", base=4), 4: msdoc.Style("Loop back", base=3)})
    props = _Props(sheet, [])
    assert props.char(1, b"")[:2] == (True, False)
    assert props.char(1, bold + b"\x81")[0] is False     # opposite of the style: not bold
    assert props.char(1, bold + b"\x80")[0] is True      # as the style
    assert props.char(0, bold + b"\x81" + italic + b"\x01")[:2] == (True, True)
    assert props.char(2, b"")[3] is False                 # hidden by its style
    assert props.char(2, vanish + b"\x81")[3] is True     # shown again, opposite of the style
    assert props.style(1)["outline"] == 1
    assert props.char(3, b"")[:2] == (False, False)       # a style based on itself: no loop


@pytest.mark.parametrize("name, reason", [
    ("PasswordProtected.doc", "mật khẩu"),
    ("Word6.doc", "Word 6.0/95"),
])
def test_word_files_that_cannot_be_read_say_why(name, reason):
    with pytest.raises(PackageError, match=reason) as caught:
        word(name)
    assert caught.value.file_name == name


# --- by content, not by name ----------------------------------------------------------------
def test_the_name_may_lie(saved, form):
    doc, docx = saved["title_alone.html"]
    as_doc = import_word_report("bao-cao.doc", docx, form, AGENCIES)        # a .docx named .doc
    as_docx = import_word_report("bao-cao.docx", doc, form, AGENCIES)       # a .doc named .docx
    assert as_doc.sections == as_docx.sections and as_doc.sections


def test_encrypted_doc_refused_saying_so(saved, tmp_path):
    path = tmp_path / "mat-khau.doc"
    path.write_bytes(saved["title_alone.html"][0])
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[11] |= 0x01   # fEncrypted (bit 8 of the FIB's flags)
        ole.write_stream("WordDocument", bytes(stream))
    with pytest.raises(PackageError, match="mật khẩu") as caught:
        read_word_body("mat-khau.doc", path.read_bytes())
    assert caught.value.file_name == "mat-khau.doc"


def test_the_time_of_the_last_save():
    assert read_word_body("x.doc", (DATA / "Lists.doc").read_bytes()).saved_at == \
        datetime(2010, 9, 20, 13, 16)
    stream = olefile.OleFileIO(str(DATA / "Lists.doc")).openstream(
        "\x05SummaryInformation").read()
    base = int.from_bytes(stream[44:48], "little")
    count = int.from_bytes(stream[base + 4:base + 8], "little")
    at = next(base + int.from_bytes(stream[base + 12 + 8 * n:base + 16 + 8 * n], "little")
              for n in range(count)
              if int.from_bytes(stream[base + 8 + 8 * n:base + 12 + 8 * n], "little") == 0x0D)
    never = stream[:at + 4] + bytes(8) + stream[at + 12:]    # a zero time: 1 January 1601
    assert saved_time(never) is None
    assert saved_time(stream[:at + 6]) is None                # cut short
    huge = stream[:base + 4] + (2**31).to_bytes(4, "little") + stream[base + 8:]
    assert saved_time(huge) == datetime(2010, 9, 20, 13, 16)   # the count bounded by the data


def test_a_damaged_summary_costs_only_the_time(tmp_path, monkeypatch):
    """A vector of two billion empty values in another property: olefile's get_metadata
    looped over it for minutes, growing by gigabytes; it is not used."""
    data = (DATA / "Lists.doc").read_bytes()
    name = "\x05SummaryInformation"
    stream = bytearray(olefile.OleFileIO(io.BytesIO(data)).openstream(name).read())
    base = int.from_bytes(stream[44:48], "little")
    first = base + int.from_bytes(stream[base + 12:base + 16], "little")
    assert int.from_bytes(stream[base + 8:base + 12], "little") != 0x0D
    stream[first:first + 8] = (0x1000).to_bytes(4, "little") + (2**31 - 1).to_bytes(4, "little")
    damaged = _with_stream(data, name, bytes(stream), tmp_path)

    def spins(*args, **kwargs):
        raise AssertionError("get_metadata parses every property")
    monkeypatch.setattr(olefile.OleFileIO, "get_metadata", spins)
    body = read_word_body("x.doc", damaged)
    assert body.saved_at == datetime(2010, 9, 20, 13, 16)
    assert body.blocks[0].text == "Heading Level 1"


def test_other_ole_files_are_not_word():
    with pytest.raises(PackageError, match="không phải văn bản Word"):
        read_word_body("thu.doc", make_msg("x", []))


# --- damaged and hostile files --------------------------------------------------------------
def _with_stream(data: bytes, name: str, stream: bytes, folder: Path) -> bytes:
    path = folder / "x.doc"
    path.write_bytes(data)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        ole.write_stream(name, stream)
    return path.read_bytes()


def _reads_or_refuses(name: str, data: bytes) -> bool:
    try:
        body = read_word_body(name, data)
    except PackageError as error:
        assert error.file_name == name and error.reason
        return False
    assert isinstance(body.blocks, list)
    return True


def test_truncated_doc_is_refused_never_crashes(saved):
    doc = saved["title_alone.html"][0]
    for size in list(range(0, len(doc), max(len(doc) // 40, 1))):
        _reads_or_refuses("cut.doc", doc[:size])
    with pytest.raises(PackageError, match=r"\(\.doc\) bị hỏng"):
        read_word_body("cut.doc", doc[:len(doc) // 2])


def test_mutated_structures_give_a_package_error_or_a_body(saved, tmp_path):
    doc = saved["numbered.docx"][0]
    ole = olefile.OleFileIO(io.BytesIO(doc))
    streams = {name: ole.openstream(name).read() for name in ("WordDocument", "1Table")}
    ole.close()
    rng, read = random.Random(21), 0
    for round_ in range(160):
        name = "WordDocument" if round_ % 2 else "1Table"
        stream = bytearray(streams[name])
        for _ in range(rng.choice((1, 4, 32))):
            at = rng.randrange(len(stream)) if rng.random() < 0.5 else rng.randrange(
                min(len(stream), 1024))  # the FIB and the tables' heads, most often
            stream[at] = rng.choice((0, 0xFF, 0x7F, 0x80, rng.randrange(256)))
        read += _reads_or_refuses("hong.doc", _with_stream(doc, name, bytes(stream), tmp_path))
    assert read > 40   # most small damages leave a readable document, read as well as can be


def test_a_text_length_beyond_the_pieces_is_refused(saved, tmp_path):
    doc = saved["title_alone.html"][0]
    ole = olefile.OleFileIO(io.BytesIO(doc))
    stream = bytearray(ole.openstream("WordDocument").read())
    ole.close()
    csw = int.from_bytes(stream[32:34], "little")
    ccp_text = 34 + 2 * csw + 2 + 12
    stream[ccp_text:ccp_text + 4] = (10_000_000).to_bytes(4, "little")
    data = _with_stream(doc, "WordDocument", bytes(stream), tmp_path)
    with pytest.raises(PackageError, match=r"quá dài: 10\.000\.000 ký tự \(nhận tối đa "
                                           r"3\.000\.000 ký tự"):
        read_word_body("dai.doc", data)
    stream[ccp_text:ccp_text + 4] = (2_000_000).to_bytes(4, "little")
    data = _with_stream(doc, "WordDocument", bytes(stream), tmp_path)
    with pytest.raises(PackageError, match="bị hỏng: văn bản ngắn hơn độ dài ghi trong tệp"):
        read_word_body("dai.doc", data)


# --- the command line -----------------------------------------------------------------------
def test_command_line_imports_a_doc(saved, capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.doc"
    path.write_bytes(saved["numbered.docx"][0])
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--agency", "SNGV", "--period",
                 "2021-H1"]) == 0
    out = capsys.readouterr().out
    assert "bao-cao.doc: Sở Ngoại vụ, 6 tháng đầu năm 2021" in out
    assert "«II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ» → II. KẾT QUẢ THỰC HIỆN (chắc chắn" in out
    assert "đã nhập" in out
    assert main(["--db", db, "status", "--period", "2021-H1"]) == 0
    assert "1/1 đơn vị đã nộp" in capsys.readouterr().out


def test_a_hostile_list_start_is_bounded(saved, tmp_path):
    doc = saved["title_break.html"][0]
    ole = olefile.OleFileIO(io.BytesIO(doc))
    fib = msdoc.read_fib(ole.openstream("WordDocument").read())
    table = bytearray(ole.openstream(fib.table_stream).read())
    ole.close()
    fc, lcb = fib.get(msdoc.PLF_LST)
    count = int.from_bytes(table[fc:fc + 2], "little")
    assert count and lcb == 2 + 28 * count
    at = fc + lcb                          # the first level of the first list follows
    for _ in range(count * 9):
        table[at:at + 4] = (2**31 - 1).to_bytes(4, "little")    # iStartAt
        cb_chpx, cb_papx = table[at + 24], table[at + 25]
        at += 28 + cb_papx + cb_chpx
        at += 2 + 2 * int.from_bytes(table[at:at + 2], "little")
        if at >= len(table):
            break
    data = _with_stream(doc, fib.table_stream, bytes(table), tmp_path)
    numbers = [b.number for b in read_word_body("so.doc", data).blocks
               if isinstance(b, Para) and b.number]
    assert numbers and all(len(n) < 2000 for n in numbers)   # not millions of letters
    assert numbers[0] == "M" * 32 + "DCCLXVII."   # 32767, the largest start Word allows


def test_a_doc_whose_name_says_nothing_is_a_word_report(saved):
    assert content_kind("BAOCAO~1", saved["title_alone.html"][0]) == DOCX
    assert content_kind("BAOCAO~1", make_msg("x", [])) is None   # an OLE file, not Word


def test_a_doc_beyond_any_report_is_refused_saying_so(saved, monkeypatch):
    doc = saved["numbered.docx"][0]
    assert len(read_word_body("dai.doc", doc).blocks) > 10
    monkeypatch.setattr(msdoc, "MAX_PARAGRAPHS", 10)
    with pytest.raises(PackageError, match=r"văn bản quá dài: \d+ đoạn \(nhận tối đa 10 đoạn"):
        read_word_body("dai.doc", doc)


@pytest.mark.parametrize("data, reason", [
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>B\xc3\x81O C\xc3\x81O</p></body></html>",
     r"trang web \(HTML\)"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n", r"trang web \(HTML\)"),
    (b"\xdb\xa5-\x00" + b"\x00" * 300, "Word 2.0 hoặc Word cho DOS"),
    (b"%PDF-1.4\n", "tệp PDF"),
    (b"BAO CAO ket qua\r\n", r"không phải văn bản Word \(\.doc hay \.docx\)"),
])
def test_what_a_word_named_file_really_is_is_said(data, reason):
    # office systems save RTF and web pages under a .doc name (RTF is read: test_word_rtf_odt)
    with pytest.raises(PackageError, match=reason) as caught:
        read_word_body("bao-cao.doc", data)
    assert caught.value.file_name == "bao-cao.doc"


# --- text boxes ---------------------------------------------------------------------------
BOXED = FODT_HEAD + """
<text:p>SỞ NGOẠI VỤ</text:p>
<text:p>BÁO CÁO</text:p>
<text:p>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021</text:p>
<text:p>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</text:p>
<text:p>Ban hành Kế hoạch số 111/KH-SNGV.<draw:frame draw:name="Hop1"
 text:anchor-type="paragraph" svg:width="15cm" svg:height="3cm"><draw:text-box>
 <text:p>II. KẾT QUẢ THỰC HIỆN</text:p>
 <text:p>1. Thông tin trên báo chí, phát thanh, truyền hình</text:p>
 <text:p>Đăng 245 tin, bài về hoạt động đối ngoại.</text:p></draw:text-box></draw:frame></text:p>
<text:p>2. Tuyên truyền về biển, đảo</text:p>
<text:p>Tổ chức cuộc thi tìm hiểu chủ quyền biển, đảo.<draw:frame draw:name="Hop2"
 text:anchor-type="char" svg:width="8cm" svg:height="1cm"><draw:text-box>
 <text:p>Phát hành 3.800 bản tài liệu.</text:p></draw:text-box></draw:frame></text:p>
<text:p>III. NHỮNG HẠN CHẾ, TỒN TẠI</text:p>
<text:p>Việc cập nhật thông tin còn chậm.</text:p>
</office:text></office:body></office:document>
"""


def test_text_boxes_are_read_where_they_are_anchored(tmp_path, form):
    """A heading and its text in a text box (LibreOffice saves a frame as a .doc text box,
    outside the main text): read after the paragraph it is anchored in, as in the .docx."""
    saved = convert_all(tmp_path, to="doc:MS Word 97", sources={"hop-chu.fodt": BOXED})
    if saved is None:
        require("soffice")
    doc = saved["hop-chu.fodt"]
    shown = [b.shown for b in read_word_body("hop-chu.doc", doc).blocks]
    assert shown[shown.index("Ban hành Kế hoạch số 111/KH-SNGV."):] == [
        "Ban hành Kế hoạch số 111/KH-SNGV.", "II. KẾT QUẢ THỰC HIỆN",
        "1. Thông tin trên báo chí, phát thanh, truyền hình",
        "Đăng 245 tin, bài về hoạt động đối ngoại.", "2. Tuyên truyền về biển, đảo",
        "Tổ chức cuộc thi tìm hiểu chủ quyền biển, đảo.", "Phát hành 3.800 bản tài liệu.",
        "III. NHỮNG HẠN CHẾ, TỒN TẠI", "Việc cập nhật thông tin còn chậm."]
    report = import_word_report("hop-chu.doc", doc, form, AGENCIES)
    assert report.sections["bao_chi"] == ["Đăng 245 tin, bài về hoạt động đối ngoại."]
    assert (("tin_bai_bao_chi", ""), 245) in {(p.key, p.value) for p in report.proposals}
