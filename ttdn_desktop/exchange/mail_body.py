"""A report pasted into a mail's own text, with no file attached.

The text is read from the mail's HTML part when it has one (Outlook's MsoNormal paragraphs,
Gmail's div per line, Thunderbird's <p> and <br>: paragraphs, bold and italic, tables), else
from its plain text (paragraphs by blank lines, a hard-wrapped line joined to the next), into
the blocks a .docx gives (docx_body), so the one import places it. A forward's note and the
forwarded headers («---------- Forwarded message ---------», «From: … Sent: … Subject: …»,
Thunderbird's table of them) are not the report: what follows the last of them is, up to a
signature («-- »). The original sender (the last forwarded «From:», else the mail's own) only
proposes the agency, by the member's name or code in the address or the name shown; the
original subject proposes the period. Both wait for confirmation: the window asks, the command
line needs --agency.
"""

from __future__ import annotations

import email
import email.utils
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import olefile

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.guesses import guess_agency
from ttdn_desktop.exchange import mail
from ttdn_desktop.exchange import rtf_compressed
from ttdn_desktop.exchange.docx_body import Body, Para, Table, add_table, finish_para, \
    para_from_runs
from ttdn_desktop.exchange.rtf_body import is_rtf, read_rtf_body
from ttdn_desktop.office.safezip import DOCX_LIMITS

NOT_A_REPORT = "nội dung thư không phải báo cáo"
EMPTY = "thư không có nội dung"
MAX_TEXT = 2 << 20


def is_mail_text(data: bytes) -> bool:
    """Whether bytes given as a report are a mail, whose own text is then the report: header
    lines first (one of the usual ones is enough: no report file starts so), or Outlook's."""
    head = data[:4096].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if re.match(rb"^[A-Za-z][A-Za-z0-9-]*:", head) and mail._MAIL_HEADERS.search(head):
        return True
    return mail.is_msg(data) and not _office_file(data)


def _office_file(data: bytes) -> bool:
    """An OLE file that is a document (a .doc, an encrypted .docx) even if it has streams named
    as a mail's: the document's reader says what it is."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return any(ole.exists(n) for n in ("WordDocument", "EncryptedPackage", "Workbook"))
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        return False


@dataclass
class MailText:
    sender: str = ""         # "Sở Ngoại vụ <sngv@example.vn>" as the mail says
    subject: str = ""
    html: str | None = None
    plain: str | None = None
    rtf: bytes | None = None  # Outlook's own rich text, when the mail has no HTML


# --- the mail's text -------------------------------------------------------------------------
def mail_text(file_name: str, data: bytes) -> MailText:
    if mail.is_msg(data):
        return _msg_text(file_name, data)
    try:
        message = email.message_from_bytes(data, policy=mail.POLICY)
    except Exception:  # the parser raises many kinds on garbage
        raise PackageError(file_name, "thư bị hỏng, không đọc được") from None
    found = MailText(_header(message, "From"), _header(message, "Subject"))
    for part in _own_parts(message):
        ctype = part.get_content_type()
        if ctype not in ("text/html", "text/plain") or _filename(part):
            continue
        text = _decoded_text(part)
        if ctype == "text/html" and found.html is None:
            found.html = text
        elif ctype == "text/plain" and found.plain is None:
            found.plain = text
    return found


def _own_parts(message):
    """The message's parts, not those of a mail forwarded inside it."""
    if message.is_multipart():
        for sub in message.get_payload():
            if sub.get_content_type() == "message/rfc822":
                continue
            yield from _own_parts(sub)
    else:
        yield message


def _header(message, name: str) -> str:
    return mail._header_text(message.get(name, ""))


def _filename(part) -> str | None:
    return mail._filename(part) if str(part.get("Content-Disposition") or "").lower() \
        .startswith("attachment") else None


def _decoded_text(part) -> str:
    try:
        raw = part.get_payload(decode=True) or b""
    except Exception:
        return ""
    raw = raw[:MAX_TEXT]
    charset = part.get_content_charset() or "utf-8"
    for name in (charset, "utf-8", "cp1258"):
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


RICH_TEXT_DAMAGED = "nội dung thư (dạng RTF của Outlook) bị hỏng, không đọc được"


def _rich_text(file_name: str, found: MailText, compressed: bytes | None) -> None:
    """The text of PR_RTF_COMPRESSED, what Outlook shows of a mail written in rich text (and
    all there is of one that has no PR_BODY): the HTML or plain text it wraps, or the RTF.
    A damaged stream leaves the plain text as the mail's text; with none, it is said."""
    if not compressed:
        return
    try:
        rtf = rtf_compressed.decompress(compressed)
    except ValueError:
        if not (found.plain or "").strip():
            raise PackageError(file_name, RICH_TEXT_DAMAGED) from None
        return
    kind = rtf_compressed.wrapped(rtf)
    if kind is None:
        found.rtf = rtf if is_rtf(rtf) else None
        return
    text = rtf_compressed.unwrapped(rtf)
    if text and kind == "html":
        found.html = text[:MAX_TEXT]
    elif text:
        found.plain = text[:MAX_TEXT]


def _msg_text(file_name: str, data: bytes) -> MailText:
    with mail.opened_msg(file_name, data) as ole:
        page = mail._codepage(ole, [], 32)
        name = mail._string(ole, [], 0x0C1A, page) or mail._string(ole, [], 0x0042, page) or ""
        address = (mail._string(ole, [], 0x5D01, page) or mail._string(ole, [], 0x0C1F, page)
                   or mail._string(ole, [], 0x0065, page) or "")
        sender = f"{name} <{address}>" if address and "@" in address else name
        html = mail._stream(ole, ["__substg1.0_10130102"])
        html_text = None
        if html is not None:
            head = html[:2048].decode("ascii", "replace")
            charset = re.search(r"charset=[\"']?([\w-]+)", head, re.I)
            try:
                html_text = html[:MAX_TEXT].decode(charset.group(1) if charset else "utf-8")
            except (LookupError, UnicodeDecodeError):
                html_text = html[:MAX_TEXT].decode("cp1258" if page == 1258 else "utf-8",
                                                   "replace")
        found = MailText(sender, mail._string(ole, [], 0x0037, page) or "",
                         html_text or mail._string(ole, [], 0x1013, page),
                         mail._string(ole, [], 0x1000, page))
        if not found.html:
            _rich_text(file_name, found, mail._stream(ole, ["__substg1.0_10090102"]))
        return found


# --- HTML into blocks ----------------------------------------------------------------------------
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul",
           "ol", "blockquote", "hr", "pre", "dt", "dd"}
_SKIP = {"style", "script", "head", "title", "xml"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list = []
        self.runs: list = []
        self.marks: list[tuple[str, bool, bool]] = []  # (tag, bold, italic) open
        self.skip = 0
        self.tables: list[list[list[list[Para]]]] = []  # the grids being read
        self.lists: list[list] = []  # [ordered, count]

    @property
    def bold(self) -> bool:
        return any(b for _, b, _ in self.marks)

    @property
    def italic(self) -> bool:
        return any(i for _, _, i in self.marks)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCKS:
            self.flush()
        style = attrs.get("style") or ""
        bold = tag in ("b", "strong", "h1", "h2", "h3", "h4", "th") or \
            bool(_BOLD_STYLE.search(style))
        italic = tag in ("i", "em") or bool(_ITALIC_STYLE.search(style))
        if tag not in ("br", "hr", "img", "meta", "link", "input", "col", "wbr"):
            self.marks.append((tag, bold, italic))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1].append([])
        elif tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            ordered, n = self.lists[-1]
            self.runs.append((f"{n}. " if ordered else "- ", None, None, None))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCKS or tag in ("td", "th"):
            self.flush()
        for n in range(len(self.marks) - 1, -1, -1):
            if self.marks[n][0] == tag:
                del self.marks[n:]
                break
        if tag == "table" and self.tables:
            grid = [row for row in self.tables.pop() if row]
            width = max((len(row) for row in grid), default=0)
            grid = [row + [[]] * (width - len(row)) for row in grid]
            target: list = []
            add_table(grid, target)
            for block in target:
                self.emit(block)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        if self.skip:
            return
        if any(tag == "pre" for tag, _, _ in self.marks):  # its lines are lines
            *lines, data = data.replace("\r\n", "\n").split("\n")
            for line in lines:
                self.runs.append((line, self.bold, self.italic, None))
                self.flush()
        text = re.sub(r"[ \t\r\n\f]+", " ", data)
        if text:
            self.runs.append((text, self.bold, self.italic, None))

    def flush(self):
        runs, self.runs = self.runs, []
        if not "".join(r[0] for r in runs).strip():
            return
        para, _ = para_from_runs(runs, "", False, False, None, bool(self.tables))
        para.text, para.markup = para.text.strip(), para.markup.strip()
        para = finish_para(para)
        if para is not None:
            self.emit(para)

    def emit(self, block):
        if self.tables and self.tables[-1] and self.tables[-1][-1]:
            cell = self.tables[-1][-1][-1]
            if isinstance(block, Table):  # a table in a cell: its rows as lines
                cell.extend(Para(" | ".join(row), " | ".join(row), in_table=True)
                            for row in block.rows)
            else:
                cell.append(block)
        elif not self.tables:
            self.out.append(block)


def html_blocks(html: str) -> list:
    parser = _Html()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is forgiving; a bug of it must not lose the mail
        pass
    parser.flush()
    return parser.out


# --- plain text into blocks --------------------------------------------------------------------
_STARTS = re.compile(r"^\s*(?:[-–+•*>]|[IVXLC]+[.\-)]|[0-9]{1,2}[.\-)]|[a-zđ]\)|"
                     r"(?:from|từ|sent|đã gửi|date|ngày|to|đến|subject|chủ đề|tiêu đề)\s*:)",
                     re.I)


def plain_blocks(text: str) -> list:
    """Paragraphs by blank lines; inside one, a long line runs on into the next (a mail
    program's hard wrap) unless the next starts a point or a heading."""
    out: list = []
    current: list[str] = []

    def flush():
        if current:
            line = " ".join(current)
            out.append(finish_para(Para(line, _escape(line))))
            current.clear()
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"^(?:>\s?)+", "", raw).rstrip()
        if not line.strip():
            flush()
            continue
        if current and (len(current[-1]) < 60 or _STARTS.match(line)):
            flush()
        current.append(line.strip())
    flush()
    return [p for p in out if p is not None]


def _escape(text: str) -> str:
    return escape(text)


# --- forwards and signatures -------------------------------------------------------------------
_SEPARATOR = re.compile(r"^[-_ ]*(?:forwarded message|original message|forwarded message|"
                        r"thư chuyển tiếp|thư gốc|tin nhắn được chuyển tiếp)[-_ ]*$|^_{10,}$",
                        re.I)
_FIELD = re.compile(r"^\s*(from|từ|người gửi|sent|đã gửi|date|ngày|to|đến|cc|subject|chủ đề|"
                    r"tiêu đề)\s*:\s*(.*)$", re.I)
_FROM = ("from", "từ", "người gửi")
_SUBJECT = ("subject", "chủ đề", "tiêu đề")


def _fields(block) -> list[tuple[str, str]] | None:
    """(name, value) of a forwarded header line, or of Thunderbird's table of them."""
    if isinstance(block, Table):
        found = []
        for row in block.rows:
            match = _FIELD.match(" ".join(c for c in row if c.strip()))
            if match is None:
                return None
            found.append((match.group(1).lower(), match.group(2).strip()))
        return found or None
    match = _FIELD.match(block.text)
    return [(match.group(1).lower(), match.group(2).strip())] if match else None


def report_blocks(blocks: list, sender: str, subject: str) -> tuple[list, str, str]:
    """The blocks of the report itself, with its original sender and subject: what follows
    the last forwarded header (with at least a «From:»), up to a signature."""
    start, n = 0, 0
    while n < len(blocks):
        block = blocks[n]
        head = n + 1 if not isinstance(block, Table) and _SEPARATOR.match(block.text.strip()) \
            else n
        found, end = [], head
        while end < len(blocks) and (got := _fields(blocks[end])):
            found.extend(got)
            end += 1
        names = {name for name, _ in found}
        if names & set(_FROM) and len(names) >= 2:
            values = dict(found)
            sender = next((values[k] for k in _FROM if k in values), sender)
            subject = next((values[k] for k in _SUBJECT if k in values), subject)
            start, n = end, end
            continue
        n += 1
    kept = []
    for block in blocks[start:]:
        if not isinstance(block, Table) and block.text.strip() in ("--", "-- "):
            break
        kept.append(block)
    return kept, sender, subject


def read_mail_body(file_name: str, data: bytes) -> tuple[Body, str, str]:
    """The report pasted in a mail: its blocks, its original sender and subject."""
    text = mail_text(file_name, data)
    if text.html and text.html.strip():
        blocks = html_blocks(text.html)
    elif text.rtf:
        blocks = read_rtf_body(file_name, text.rtf, DOCX_LIMITS).blocks
    else:
        blocks = plain_blocks(text.plain or "")
    blocks, sender, subject = report_blocks(blocks, text.sender, text.subject)
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise PackageError(file_name, EMPTY)
    return Body(blocks), sender, re.sub(r"^\s*(?:(?:fw|fwd|tr|re|trả lời|chuyển tiếp)\s*:\s*)+",
                                        "", subject, flags=re.I)


# --- the sender proposes the agency ------------------------------------------------------------
def propose_agency(sender: str, agencies: list[tuple[str, str]]) -> tuple[str, float] | None:
    """(agency code, how sure) from a sender: the member's name as the name shown, or its code,
    name or initials in the address (sngv@…, songoaivu.…). A proposal only: never taken
    without the user's word."""
    shown, address = email.utils.parseaddr(sender)
    if shown:
        found = guess_agency([shown], agencies)
        if found:
            return found
    tokens = set(re.split(r"[^a-z0-9]+", address.lower())) - {""}
    best: list[tuple[float, str]] = []
    for code, name in agencies:
        words = fold(name).split()
        if code.lower() in tokens or "".join(words) in tokens:
            best.append((0.9, code))
        elif len(words) >= 3 and "".join(w[0] for w in words) in tokens:
            best.append((0.7, code))
    best.sort(reverse=True)
    if best and (len(best) == 1 or best[0][0] > best[1][0]):
        return best[0][1], best[0][0]
    return None


@dataclass
class MailReport:
    """Marks a report read from a mail's text: who sent it, and whether the agency is only
    proposed by that sender (asked, never taken)."""
    sender: str = ""
    subject: str = ""
    agency_from_sender: bool = False
    period_from_subject: bool = False
