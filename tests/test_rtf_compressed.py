"""Outlook's compressed RTF ([MS-OXRTFCP]) and the HTML or text it wraps ([MS-OXRTFEX]): the
specification's own example decodes, a damaged stream is refused (never read as garbage), and
a mail whose rich text is damaged keeps whatever other text it has."""

import pytest

from ttdn_desktop.core import rules
from ttdn_desktop.exchange.rtf_compressed import decompress, unwrapped, wrapped

from . import outlookrtf
from .msgfile import make_msg
from .test_mail_text import outlook_html

# [MS-OXRTFCP] 3.1.1.1.2, "Example with compression": written by Outlook, not by our compressor
SPEC = bytes.fromhex("2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af3206865"
                     "6c090020627705b06c647d0a800fa0")


def test_the_specifications_example_decodes():
    assert decompress(SPEC) == b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"


def test_what_we_compress_comes_back_whole():
    raw = outlookrtf.from_html(outlook_html()) * 3   # long: references across the 4 KB window
    assert decompress(outlookrtf.compress(raw)) == raw
    assert decompress(outlookrtf.compress(raw, stored=True)) == raw
    assert len(outlookrtf.compress(raw)) < len(raw) // 2


@pytest.mark.parametrize("damage", [
    lambda d: d[:10],                                       # header cut short
    lambda d: d[:20] + bytes([d[20] ^ 0xFF]) + d[21:],      # a byte changed: CRC
    lambda d: d[:4] + (1 << 30).to_bytes(4, "little") + d[8:],  # says 1 GB
    lambda d: d[:8] + b"ABCD" + d[12:],                     # unknown kind
])
def test_a_damaged_stream_is_refused(damage):
    with pytest.raises(ValueError):
        decompress(damage(SPEC))


def test_the_wrapped_html_comes_back_as_written():
    html = outlook_html()
    assert wrapped(outlookrtf.from_html(html)) == "html"
    assert unwrapped(outlookrtf.from_html(html)) == html
    assert wrapped(outlookrtf.rich_text([("Báo cáo", True)])) is None


def test_a_damaged_rich_text_leaves_the_plain_text(workspace, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    bad = outlookrtf.compress(outlookrtf.from_html(outlook_html()))
    bad = bad[:40] + bytes([bad[40] ^ 0xFF]) + bad[41:]
    path = tmp_path / "thu.msg"
    path.write_bytes(make_msg("Báo cáo", [], body=None, rtf=bad))
    [result] = workspace.imports.run([path], dry_run=True)
    assert result.outcome == rules.REJECTED and result.detail == \
        "thư không có tệp đính kèm; nội dung thư (dạng RTF của Outlook) bị hỏng, không đọc được"
    path.write_bytes(make_msg("Báo cáo", [], body="Kính gửi Ban Tuyên giáo.", rtf=bad))
    [result] = workspace.imports.run([path], dry_run=True)
    assert result.outcome == rules.REJECTED and "nội dung thư không phải báo cáo" in result.detail
