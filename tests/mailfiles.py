"""Mail laid out as real programs write it, byte for byte, for the import tests: Outlook
(quoted encoded-word names, base64 in 76-column lines, rich-text winmail.dat), Thunderbird
(RFC 2231 names, forward inline as message/rfc822), Gmail (forward as an attached .eml),
gateways that leave encoded words unquoted, and old clients that uuencode."""

import base64
import binascii
import struct
from urllib.parse import quote

CRLF = "\r\n"


def _b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return CRLF.join(text[i:i + 76] for i in range(0, len(text), 76))


def encoded_word(name: str) -> str:
    return f"=?utf-8?B?{base64.b64encode(name.encode()).decode()}?="


def _mail(headers: list[str], boundary: str, parts: list[str]) -> bytes:
    body = "".join(f"--{boundary}{CRLF}{part}{CRLF}" for part in parts)
    text = CRLF.join(headers) + CRLF + CRLF + body + f"--{boundary}--{CRLF}"
    return text.encode("utf-8")


def _text_part(text="Kính gửi Ban Tuyên giáo,\r\nXin gửi báo cáo.") -> str:
    return ("Content-Type: text/plain; charset=\"utf-8\"" + CRLF +
            "Content-Transfer-Encoding: base64" + CRLF + CRLF + _b64(text.encode()))


def outlook_part(name: str, data: bytes, *, quoted=True, ctype="application/octet-stream"):
    """An attachment as Outlook (and Exchange) write it: the name as an RFC 2047 encoded word,
    quoted as Outlook does, or unquoted as some gateways and scripts leave it."""
    word = encoded_word(name)
    value = f'"{word}"' if quoted else word
    return (f"Content-Type: {ctype}; name={value}{CRLF}"
            f"Content-Description: {word}{CRLF}"
            f"Content-Disposition: attachment; filename={value}; size={len(data)};{CRLF}"
            f"\tcreation-date=\"Tue, 24 Nov 2026 08:00:00 GMT\";{CRLF}"
            f"\tmodification-date=\"Tue, 24 Nov 2026 08:00:00 GMT\"{CRLF}"
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{_b64(data)}")


def outlook_mail(parts: list[str], subject="Báo cáo TTĐN 6 tháng đầu năm 2021") -> bytes:
    boundary = "_004_SG2PR01MB2345ABCDEF_"
    return _mail([
        "Received: from SG2PR01MB2345.apcprd01.prod.exchangelabs.com by mail.example.vn",
        "From: =?utf-8?B?U+G7nyBOZ2/huqFpIHbhu6U=?= <sngv@example.vn>",
        "To: Ban Tuyen giao <btg@example.vn>",
        f"Subject: {encoded_word(subject)}",
        "Date: Tue, 24 Nov 2026 08:00:00 +0000",
        "Message-ID: <SG2PR01MB2345@example.vn>",
        "Content-Language: vi-VN",
        "X-MS-Has-Attach: yes",
        "X-MS-TNEF-Correlator:",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
        "MIME-Version: 1.0",
    ], boundary, [_text_part()] + parts)


def thunderbird_mail(parts: list[str], subject="Bao cao") -> bytes:
    boundary = "------------8xQbR0TVgDg0jLmF2bJj9n0N"
    return _mail([
        "Message-ID: <5f1e6a2b-0000@example.vn>",
        "Date: Tue, 24 Nov 2026 15:00:00 +0700",
        "MIME-Version: 1.0",
        "User-Agent: Mozilla Thunderbird",
        "Content-Language: vi",
        "To: btg@example.vn",
        "From: Cong an tinh <cat@example.vn>",
        f"Subject: {subject}",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
    ], boundary, [_text_part()] + parts)


def thunderbird_part(name: str, data: bytes) -> str:
    """RFC 2231 names, split and percent-encoded, as Thunderbird writes them."""
    encoded = quote(name.encode())
    return (f"Content-Type: application/octet-stream; name*=UTF-8''{encoded}{CRLF}"
            f"Content-Disposition: attachment; filename*=UTF-8''{encoded}{CRLF}"
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{_b64(data)}")


def forwarded_part(inner: bytes, name: str | None = None) -> str:
    """Forward as attachment: Thunderbird inlines the message as message/rfc822 (no name),
    Gmail names it "….eml"."""
    disposition = f'attachment; filename="{name}"' if name else "attachment"
    ctype = f'message/rfc822; name="{name}"' if name else "message/rfc822"
    return (f"Content-Type: {ctype}{CRLF}Content-Disposition: {disposition}{CRLF}{CRLF}"
            + inner.decode("utf-8"))


def gmail_mail(parts: list[str], subject="Fwd: Bao cao") -> bytes:
    boundary = "000000000000d5e8a705f1c2b3a4"
    return _mail([
        "MIME-Version: 1.0",
        "Date: Tue, 24 Nov 2026 15:00:00 +0700",
        "Message-ID: <CAF=abc@mail.gmail.com>",
        f"Subject: {subject}",
        "From: Van phong <vp@example.vn>",
        "To: btg@example.vn",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
    ], boundary, [_text_part()] + parts)


def gmail_part(name: str, data: bytes) -> str:
    """An attachment as Gmail writes one whose name is not ASCII: the name in raw UTF-8 bytes,
    quoted, neither RFC 2047 nor RFC 2231 encoded (RFC 6532 style)."""
    return (f'Content-Type: application/octet-stream; name="{name}"{CRLF}'
            f'Content-Disposition: attachment; filename="{name}"{CRLF}'
            f"Content-Transfer-Encoding: base64{CRLF}Content-ID: <f_lq3x9k0a0>{CRLF}"
            f"X-Attachment-Id: f_lq3x9k0a0{CRLF}{CRLF}{_b64(data)}")


def uuencoded(data: bytes, name: str) -> str:
    lines = [f"begin 644 {name}"]
    for i in range(0, len(data), 45):
        # servers cut trailing blanks; uuencode writes zero as a blank
        lines.append(binascii.b2a_uu(data[i:i + 45]).decode().rstrip("\n").rstrip())
    return CRLF.join(lines + ["`", "end"])


def uuencode_part(name: str, data: bytes) -> str:
    return (f'Content-Type: application/octet-stream; name="{name}"{CRLF}'
            f'Content-Disposition: attachment; filename="{name}"{CRLF}'
            f"Content-Transfer-Encoding: x-uuencode{CRLF}{CRLF}{uuencoded(data, name)}")


# --- winmail.dat (TNEF), as Outlook writes a rich-text message ----------------------------------
def _attribute(level: int, ident: int, kind: int, value: bytes) -> bytes:
    return (struct.pack("<BII", level, (kind << 16) | ident, len(value)) + value
            + struct.pack("<H", sum(value) & 0xFFFF))


def _mapi(props: list[tuple[int, int, bytes]]) -> bytes:
    """MAPI properties: (type, id, value) with strings, binaries counted and padded."""
    out = struct.pack("<I", len(props))
    for kind, ident, value in props:
        out += struct.pack("<HH", kind, ident)
        if ident >= 0x8000:  # named: a GUID, then a number
            out += b"\x08\x20\x06\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"
            out += struct.pack("<II", 0, 0x8554)
        if kind in (0x001E, 0x001F, 0x0102):
            out += struct.pack("<II", 1, len(value)) + value + b"\0" * (-len(value) % 4)
        else:
            out += value
    return out


def make_tnef(attachments: list[tuple[str, bytes]], codepage=1258) -> bytes:
    out = struct.pack("<IH", 0x223E9F78, 0x4A21)
    out += _attribute(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))      # attTnefVersion
    out += _attribute(1, 0x9007, 0x0006, struct.pack("<II", codepage, 0))    # attOemCodepage
    out += _attribute(1, 0x8008, 0x0007, b"IPM.Microsoft Mail.Note\0")       # attMessageClass
    out += _attribute(1, 0x9003, 0x0006, _mapi([
        (0x001F, 0x0037, "Báo cáo".encode("utf-16-le") + b"\0\0"),
        (0x0003, 0x3FDE, struct.pack("<I", 65001)),
        (0x000B, 0x8501, struct.pack("<I", 1))]))                                # named bool
    for name, data in attachments:
        short = name.rsplit(".", 1)
        title = (short[0][:6].upper() + "~1." + short[-1][:3].upper()).encode("cp1258",
                                                                             "replace")
        out += _attribute(2, 0x9002, 0x0006, b"\x01\x00\xff\xff\xff\xff" + b"\0" * 8)
        out += _attribute(2, 0x8010, 0x0001, title + b"\0")                   # attAttachTitle
        out += _attribute(2, 0x800F, 0x0006, data)                             # attAttachData
        out += _attribute(2, 0x9005, 0x0006, _mapi([
            (0x0003, 0x3705, struct.pack("<I", 1)),
            (0x001E, 0x3703, b"." + short[-1].encode() + b"\0"),
            (0x001F, 0x3707, name.encode("utf-16-le") + b"\0\0"),
            (0x0102, 0x3701, data)]))
    return out


def tnef_part(tnef: bytes) -> str:
    return (f'Content-Type: application/ms-tnef; name="winmail.dat"{CRLF}'
            f'Content-Disposition: attachment; filename="winmail.dat"{CRLF}'
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{_b64(tnef)}")
