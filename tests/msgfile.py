"""A minimal writer of Outlook .msg files (OLE compound files, MS-CFB version 3) for tests:
a subject and some attachments, laid out as MS-OXMSG describes. Streams under 4096 bytes go in
the mini stream (64-byte mini sectors), larger ones in regular 512-byte sectors."""

import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name, kind, child=NOSTREAM, right=NOSTREAM, start=END, size=0):
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4
            + b"\0" * 16 + struct.pack("<IQ", start, size))


def make_msg(subject: str, attachments: list[tuple[str, bytes]]) -> bytes:
    streams = []  # (parent index, name, data)
    entries = [["Root Entry", 5, []]]  # name, type, children indices

    def add(parent, name, kind, data=None):
        entries.append([name, kind, []])
        index = len(entries) - 1
        entries[parent][2].append(index)
        if data is not None:
            streams.append((index, data))
        return index

    add(0, "__substg1.0_0037001F", 2, subject.encode("utf-16-le"))
    for n, (name, data) in enumerate(attachments):
        storage = add(0, f"__attach_version1.0_#{n:08X}", 1)
        add(storage, "__substg1.0_3707001F", 2, name.encode("utf-16-le"))
        add(storage, "__substg1.0_37010102", 2, data)

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
