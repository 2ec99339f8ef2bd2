"""A minimal writer of Outlook .msg files (OLE compound files, MS-CFB version 3) for tests:
a subject and some attachments, laid out as MS-OXMSG describes. Streams under 4096 bytes go in
the mini stream (64-byte mini sectors), larger ones in regular 512-byte sectors."""

import struct
import unicodedata
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name, kind, child=NOSTREAM, right=NOSTREAM, start=END, size=0):
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4
            + b"\0" * 16 + struct.pack("<IQ", start, size))


@dataclass
class Attached:
    """A file attached as Outlook writes it: its long name, 8.3 short name, display name and
    extension, Unicode (PT_UNICODE, 001F) or 8-bit (PT_STRING8, 001E) in the mail's code
    page; `long_name=None` leaves only the short name, as old clients and some gateways do."""
    long_name: str | None
    data: bytes
    short_name: str | None = None
    unicode: bool = True


@dataclass
class Embedded:
    """A message attached to the message (Outlook's "forward as attachment", or a .msg dragged
    in): a storage holding a whole message of its own."""
    subject: str
    attachments: list = field(default_factory=list)
    unicode: bool = True


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_8bit(text: str, codepage: int) -> bytes:
    """As Windows writes text in a code page: Windows-1258 has ơ, ư, ă, â … but its tones
    are combining marks, so "ở" goes as "ơ" and a combining hook."""
    if codepage == 1258:
        text = "".join(unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize(
            "NFD", ch) if c not in _TONES)) + "".join(c for c in unicodedata.normalize(
                "NFD", ch) if c in _TONES) for ch in unicodedata.normalize("NFC", text))
    return text.encode(f"cp{codepage}", errors="replace")


def _props(header: bytes, entries: list[tuple[int, int]]) -> bytes:
    return header + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in entries)


def make_msg(subject: str, attachments: list, *, unicode: bool = True,
             codepage: int | None = None, body: str = "Kính gửi Ban Tuyên giáo, xin gửi báo "
             "cáo.", html: str | None = None, sender: tuple[str, str] | None = None,
             rtf: bytes | None = None) -> bytes:
    """A .msg file: `attachments` holds (name, bytes) pairs, Attached and Embedded. With
    `unicode=False` every string is 8-bit in `codepage` (Windows-1258 if not given). `html`:
    the HTML body (PR_HTML, bytes in UTF-8), beside the plain `body`; `sender`: (name shown,
    SMTP address); `rtf`: a PR_RTF_COMPRESSED stream (tests/outlookrtf.py), with `body=None`
    the mail's only text, as Outlook keeps a mail written in rich text."""
    streams = []  # (entry index, data)
    entries = [["Root Entry", 5, []]]  # name, type, children indices

    def add(parent, name, kind, data=None):
        entries.append([name, kind, []])
        index = len(entries) - 1
        entries[parent][2].append(index)
        if data is not None:
            streams.append((index, data))
        return index

    def string(parent, prop, text, wide, page):
        if text is None:
            return
        if wide:
            add(parent, f"__substg1.0_{prop:04X}001F", 2, text.encode("utf-16-le") + b"\0\0")
        else:
            add(parent, f"__substg1.0_{prop:04X}001E", 2, encode_8bit(text, page or 1258) + b"\0")

    def message(parent, subject, items, wide, page, header):
        string(parent, 0x001A, "IPM.Note", wide, page)
        string(parent, 0x0037, subject, wide, page)
        string(parent, 0x1000, body if header == 32 else "Kính gửi Ban Tuyên giáo, xin gửi "
               "báo cáo.", wide, page)
        if header == 32 and html is not None:
            add(parent, "__substg1.0_10130102", 2, html.encode("utf-8"))
        if header == 32 and rtf is not None:
            add(parent, "__substg1.0_10090102", 2, rtf)
        if header == 32 and sender is not None:
            string(parent, 0x0C1A, sender[0], wide, page)
            string(parent, 0x5D01, sender[1], wide, page)
        props = [(0x3FFD0003, page)] if page else []
        counts = struct.pack("<IIII", 1, len(items), 1, len(items))
        add(parent, "__properties_version1.0", 2,
            _props(b"\0" * 8 + counts + (b"\0" * 8 if header == 32 else b""), props))
        recipient = add(parent, "__recip_version1.0_#00000000", 1)
        string(recipient, 0x3001, "Ban Tuyên giáo", wide, page)
        string(recipient, 0x39FE, "btg@example.vn", wide, page)
        add(recipient, "__properties_version1.0", 2, _props(b"\0" * 8, [(0x0C150003, 1)]))
        for n, item in enumerate(items):
            if isinstance(item, tuple):
                item = Attached(item[0], item[1], unicode=wide)
            storage = add(parent, f"__attach_version1.0_#{n:08X}", 1)
            if isinstance(item, Embedded):
                add(storage, "__properties_version1.0", 2,
                    _props(b"\0" * 8, [(0x37050003, 5), (0x0E200003, 0)]))
                string(storage, 0x3001, item.subject, item.unicode, page)
                inner = add(storage, "__substg1.0_3701000D", 1)
                message(inner, item.subject, item.attachments, item.unicode, page, 24)
                continue
            add(storage, "__properties_version1.0", 2,
                _props(b"\0" * 8, [(0x37050003, 1), (0x0E200003, len(item.data))]))
            shown = item.long_name or item.short_name
            string(storage, 0x3001, shown, item.unicode, page)
            string(storage, 0x3707, item.long_name, item.unicode, page)
            string(storage, 0x3704, item.short_name, item.unicode, page)
            if shown and "." in shown:
                string(storage, 0x3703, "." + shown.rsplit(".", 1)[1], item.unicode, page)
            add(storage, "__substg1.0_37010102", 2, item.data)

    page = codepage or (None if unicode else 1258)
    add(0, "__nameid_version1.0", 1)
    message(0, subject, attachments, unicode, page, 32)

    sectors: list[bytes] = []
    fat: list[int] = []
    starts = {}

    def chain(data: bytes) -> int:
        """Put `data` in regular sectors; returns the first sector."""
        first = len(sectors)
        count = max(1, -(-len(data) // SECTOR))
        for k in range(count):
            sectors.append(data[k * SECTOR:(k + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(len(sectors) if k < count - 1 else END)
        return first

    mini, minifat = b"", []
    for index, data in streams:
        if len(data) >= CUTOFF:
            starts[index] = (chain(data), len(data))
            continue
        count = max(1, -(-len(data) // MINI))
        first = len(mini) // MINI
        for k in range(count):
            mini += data[k * MINI:(k + 1) * MINI].ljust(MINI, b"\0")
            minifat.append(first + k + 1 if k < count - 1 else END)
        starts[index] = (first, len(data))
    root_start = chain(mini) if mini else END
    starts[0] = (root_start, len(mini))
    minifat += [FREE] * (-len(minifat) % (SECTOR // 4))
    first_minifat = chain(struct.pack(f"<{len(minifat)}I", *minifat)) if mini else END
    minifat_sectors = len(minifat) * 4 // SECTOR if mini else 0

    blobs = []
    for index, (name, kind, children) in enumerate(entries):
        child = children[0] if children else NOSTREAM
        right = NOSTREAM
        parent = next((p for p, e in enumerate(entries) if index in e[2]), None)
        if parent is not None:
            siblings = entries[parent][2]
            position = siblings.index(index)
            right = siblings[position + 1] if position + 1 < len(siblings) else NOSTREAM
        start, size = starts.get(index, (END, 0))
        blobs.append(_entry(name, kind, child, right, start, size))
    directory = b"".join(blobs)
    directory += b"\0" * (-len(directory) % SECTOR)
    first_directory = len(sectors)
    count = len(directory) // SECTOR
    for k in range(count):
        sectors.append(directory[k * SECTOR:(k + 1) * SECTOR])
        fat.append(len(sectors) if k < count - 1 else END)

    fat_sectors = 1
    while len(fat) + fat_sectors > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    first_fat = len(sectors)
    fat.extend([FATSECT] * fat_sectors)
    fat.extend([FREE] * (fat_sectors * (SECTOR // 4) - len(fat)))
    table = struct.pack(f"<{len(fat)}I", *fat)
    for k in range(fat_sectors):
        sectors.append(table[k * SECTOR:(k + 1) * SECTOR])

    difat = [first_fat + k for k in range(fat_sectors)] + [FREE] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_sectors, first_directory, 0, CUTOFF,
                            first_minifat, minifat_sectors, END, 0)
              + struct.pack("<109I", *difat))
    return header + b"".join(sectors)
