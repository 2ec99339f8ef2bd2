"""A seeded fuzzer of every kind of file the import takes: packages, Excel forms, Word reports,
.eml and .msg mail. Shared by tests/test_fuzz.py (a few thousand mutants in CI) and
bench/bench_fuzz.py (a campaign of 100,000).

Mutants are made at two depths: bytes anywhere (flips, cuts, splices: what a bad download or
a mail gateway does), and inside a zip's members or a mail's text with a valid container
around them, so the XML, JSON and MIME parsers themselves get hostile input (numbers like
1e308 or ৪০০০, lone surrogates, huge strings, broken tags) instead of a CRC error.

What is checked for each mutant (see `Campaign.run`): the import never raises, never takes
longer than `hang_seconds`, rejects with a named reason (never the catch-all «không đọc được
tệp (lỗi …)»), and a rejected file leaves the database as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import signal
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

from ttdn_desktop.core import rules
from ttdn_desktop.core.report import ReportContent

from . import mailfiles as mf
from .helpers import H1, package
from .msgfile import Attached, Embedded, make_msg
from .wordfiles import legacy_report, numbered_report, styled_report

CATCH_ALL = "không đọc được tệp (lỗi"
KINDS = ("package", "xlsx", "docx", "eml", "msg")
NUMBERS = ["1e308", "-1e308", "1e309", "NaN", "Infinity", "-0", "99999999999999999999",
           "-1", "0", "1.5", "৪০০০", "3٨0０", "2147483648", "1" * 400, "", "0x10", "1,5"]
STRINGS = ["\\ud800", "\\udfff", "\u202e", "\x00", "\ufeff", "x" * 5000, "<", "&", "]]>",
           "&#0;", "&#xD800;", "\"", "\\", "=?utf-8?B?", "\r\n\r\n", "€", "A1048577", "XFE1",
           "ZZZ9999999", "-5", "9999999999"]
_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_QUOTED = re.compile(rb'"[^"\n]{0,200}"|>[^<]{1,200}<')


class Hang(BaseException):
    """Not an Exception: no `except Exception` in the code under test may swallow it."""


def _on_alarm(signum, frame):
    raise Hang


# --- the seed files --------------------------------------------------------------------------
def seeds(workspace, form, folder: Path) -> dict[str, list[tuple[str, bytes]]]:
    """A few good files of each kind, made the way the app and the agencies make them."""
    figures = {}
    for indicator in form.indicators[:6]:
        for key in indicator.keys:
            figures[key] = 5 if key[1] == "" and len(indicator.keys) == 1 else 0
        if len(indicator.keys) > 1:
            figures[indicator.keys[0]] = 4 * (len(indicator.keys) - 1) or 4
            for key in indicator.keys[1:]:
                figures[key] = 4
            if not indicator.breakdown_adds_up:
                figures[indicator.keys[0]] = 9
    sections = {s.id: f"Nội dung mục {s.numbered_heading}.\n- Ý một\n- Ý hai"
                for s in form.prose_sections[:8]}
    full = ReportContent(sections, figures, {form.indicators[0].id: "ghi chú"})
    packages = [("SNGV.ttdn", package(form, body=full)),
                ("CAT.ttdn", package(form, code="CAT", name="Công an tỉnh"))]
    forms = []
    path = folder / "seed.xlsx"
    workspace.files.form_xlsx("SNGV", H1, path)
    book = load_workbook(path)
    cells = {str(r[0].value): r[1].value for r in book["_ttdn"].iter_rows()}
    for key, address in cells.items():
        if key.startswith("section:"):
            book["Báo cáo"][address].value = "Đã phát hành 12 bản tin; 3.800 lượt xem."
        elif key.startswith("figure:") and key.endswith(":"):
            indicator = form.indicator(key.split(":")[1])
            if indicator.breakdown is None or not indicator.breakdown.members:
                book["Số liệu"][address].value = 7 if indicator.kind == "count" else 50
    book.save(path)
    forms.append(("mau.xlsx", path.read_bytes()))
    words = [("bao-cao.docx", slim_docx(numbered_report())),
             ("styled.docx", slim_docx(styled_report())),
             ("legacy.docx", slim_docx(legacy_report()))]
    pkg = packages[0][1]
    emls = [("outlook.eml", mf.outlook_mail([mf.outlook_part("Báo cáo SNGV.ttdn", pkg)])),
            ("tnef.eml", mf.outlook_mail([mf.tnef_part(mf.make_tnef([("SNGV.ttdn", pkg)]))])),
            ("forward.eml", mf.gmail_mail([mf.forwarded_part(mf.thunderbird_mail(
                [mf.thunderbird_part("SNGV.ttdn", pkg), mf.uuencode_part("CAT.ttdn",
                                                                        packages[1][1])]),
                "thu.eml")])),
            ("zip.eml", mf.thunderbird_mail([mf.thunderbird_part("bao-cao.zip", _zipped(
                {"Bao cao/SNGV.ttdn": pkg, "Bao cao/ghi chu.txt": b"x"}))]))]
    msgs = [("thu.msg", make_msg("Báo cáo", [("SNGV.ttdn", pkg), ("anh.jpg", b"\xff\xd8" * 50)])),
            ("8bit.msg", make_msg("Chuyển tiếp", [Attached(None, pkg, "BAOCAO~1.TTD", False),
                                                  Embedded("Thư gốc", [("x.ttdn", pkg)])],
                                  unicode=False))]
    return {"package": packages, "xlsx": forms, "docx": words, "eml": emls, "msg": msgs}


def _zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def slim_docx(data: bytes) -> bytes:
    """The same report without the 160 unused styles and the 400 KB stylesWithEffects.xml of
    python-docx's template: what Word itself writes for a short report is that size, and four
    times as many mutants fit in the same time."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    used = set(re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"',
                          members["word/document.xml"]))
    styles = etree.fromstring(members["word/styles.xml"])
    by_id = {s.get(w + "styleId").encode(): s for s in styles.iter(w + "style")}
    keep, todo = set(), list(used) + [k for k, s in by_id.items() if s.get(w + "default")]
    while todo:
        style_id = todo.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for link in ("basedOn", "next", "link"):
            node = by_id[style_id].find(w + link)
            if node is not None:
                todo.append(node.get(w + "val").encode())
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(w + "latentStyles")
    if latent is not None:
        styles.remove(latent)
    members["word/styles.xml"] = etree.tostring(styles, xml_declaration=True,
                                                encoding="UTF-8", standalone=True)
    members.pop("word/stylesWithEffects.xml", None)
    members.pop("docProps/thumbnail.jpeg", None)
    for name in list(members):
        if name.endswith(".rels") or name == "[Content_Types].xml":
            members[name] = re.sub(rb"<(Relationship|Override)[^>]*(stylesWithEffects|"
                                   rb"thumbnail)[^>]*/>", b"", members[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


# --- mutations -------------------------------------------------------------------------------
def _bytes_mutation(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 8))):
        if not data:
            break
        op = rng.randrange(6)
        at = rng.randrange(len(data))
        if op == 0:
            data[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[at] = rng.choice((0, 0xFF, 0x7F, 0x80, rng.randrange(256)))
        elif op == 2:
            del data[at:at + rng.randrange(1, 64)]
        elif op == 3:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif op == 4:
            length = rng.randrange(1, 256)
            source = rng.randrange(len(data))
            data[at:at] = data[source:source + length]
        else:
            del data[at:]
    return bytes(data)


def _text_mutation(rng: random.Random, text: bytes) -> bytes:
    """A change a parser has to judge: a number or a string swapped for a hostile one, a tag
    cut, a range dropped or repeated."""
    op = rng.randrange(5)
    if op == 0:
        numbers = list(_NUMBER.finditer(text))
        if numbers:
            match = rng.choice(numbers)
            return text[:match.start()] + rng.choice(NUMBERS).encode() + text[match.end():]
    if op == 1:
        strings = list(_QUOTED.finditer(text))
        if strings:
            match = rng.choice(strings)
            value = rng.choice(STRINGS).encode("utf-8", "surrogatepass")
            return (text[:match.start() + 1] + value + text[match.end() - 1:])
    if op == 2 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + rng.randrange(1, 40):]
    if op == 3 and text:
        at = rng.randrange(len(text))
        length = rng.randrange(1, 400)
        return text[:at] + text[at:at + length] * rng.randrange(2, 5) + text[at + length:]
    return _bytes_mutation(rng, text)


def _zip_mutation(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    index = rng.randrange(len(members))
    op = rng.randrange(10)
    if op == 0:
        del members[index]
    elif op == 1:
        members.append((rng.choice(["../x", "a/../../b", "C:/x", "word/extra.xml",
                                    "xl/worksheets/sheet9.xml", "manifest.json"]), b"<x/>"))
    else:
        name, body = members[index]
        # the parts that say the most are mutated most
        weighted = [i for i, (n, _) in enumerate(members) for _ in range(
            6 if n.endswith((".json", "document.xml", "sharedStrings.xml", "sheet1.xml",
                             "sheet2.xml", "sheet3.xml", "workbook.xml", "[Content_Types].xml",
                             "styles.xml")) else 1)]
        index = rng.choice(weighted)
        name, body = members[index]
        members[index] = (name, _text_mutation(rng, body))
        if name == "content.json" and rng.random() < 0.8:
            _seal(members)  # as a buggy or hostile sender would: the hash matches the content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            archive.writestr(name, body)
    return buffer.getvalue()


def _seal(members: list) -> None:
    names = [n for n, _ in members]
    if "manifest.json" in names and "content.json" in names:
        content = members[names.index("content.json")][1]
        at = names.index("manifest.json")
        members[at] = ("manifest.json", re.sub(
            rb'"content_sha256": "[0-9a-f]*"',
            b'"content_sha256": "' + hashlib.sha256(content).hexdigest().encode() + b'"',
            members[at][1]))


def mutate(rng: random.Random, kind: str, data: bytes) -> bytes:
    if kind in ("package", "xlsx", "docx") and rng.random() < 0.7:
        return _zip_mutation(rng, data)
    if kind == "eml" and rng.random() < 0.6:
        return _text_mutation(rng, data)
    return _bytes_mutation(rng, data)


# --- the campaign ------------------------------------------------------------------------------
def fingerprint(db) -> tuple:
    """Cheap and sure: the number of rows of every table and the largest rowid where there
    is one (an update in place shows in total_changes, read before and after by the caller)."""
    out = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name "
                               "NOT LIKE 'sqlite_%'").fetchall():
        try:
            out.append(db.execute(f'SELECT count(*), max(rowid) FROM "{table}"').fetchone())
        except Exception:  # WITHOUT ROWID and virtual tables
            out.append(db.execute(f'SELECT count(*) FROM "{table}"').fetchone())
    return tuple(out)


@dataclass
class Campaign:
    workspace: object
    folder: Path
    hang_seconds: float = 20.0
    counts: dict = field(default_factory=lambda: {"mutants": 0, "crashes": 0, "hangs": 0,
                                                  "catch_alls": 0, "changed_when_rejected": 0,
                                                  "stray_output": 0})
    examples: list = field(default_factory=list)
    slowest: float = 0.0

    def run(self, kind: str, name: str, data: bytes) -> None:
        path = self.folder / f"mutant-{self.counts['mutants'] % 7}{Path(name).suffix}"
        path.write_bytes(data)
        self.counts["mutants"] += 1
        before = fingerprint(self.workspace.db)
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.hang_seconds)
        start = time.perf_counter()
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                results = self.workspace.imports.run([path])
        except Hang:
            self._note("hangs", kind, data, "hang")
            return
        except Exception as error:  # what the test exists to find
            self._note("crashes", kind, data, repr(error))
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            self.slowest = max(self.slowest, time.perf_counter() - start)
        if printed.getvalue():  # a library talking past us to the user's terminal
            self._note("stray_output", kind, data, printed.getvalue()[:200])
        for result in results:
            if CATCH_ALL in result.detail:
                self._note("catch_alls", kind, data, result.detail)
        if all(r.outcome in (rules.REJECTED, rules.SKIPPED, rules.WORD) for r in results) and \
                fingerprint(self.workspace.db) != before:
            self._note("changed_when_rejected", kind, data, [r.detail for r in results])

    def _note(self, what: str, kind: str, data: bytes, detail) -> None:
        self.counts[what] += 1
        if sum(1 for e in self.examples if e[:2] == (what, kind)) < 10:
            self.examples.append((what, kind, detail, data))

    def fuzz(self, seeds: dict, per_kind: int, seed: int = 1, progress=None) -> None:
        for k, kind in enumerate(KINDS):
            rng = random.Random(seed * 1000 + k)
            for n in range(per_kind):
                name, data = rng.choice(seeds[kind])
                self.run(kind, name, mutate(rng, kind, data))
                if progress and n % 1000 == 999:
                    progress(kind, n + 1)
