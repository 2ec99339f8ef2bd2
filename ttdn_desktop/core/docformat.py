"""The rules of the printed document (shared/domain §5): the State layout of Nghị định
30/2020/NĐ-CP and the Party layout of Hướng dẫn 36-HD/VPTW, the letterhead settings that fill
them (its fields declared, typed and checked in core.settings), the place–date line, and text
widths for sizing the rules under header lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.text import clean_line

STATE = "state"
PARTY = "party"
CELL_PADDING_CM = 0.38  # Word's default left + right cell margins
# The page-1 header may reach this far into each side margin, as the printed templates of both
# formats do, so that a 14-point issuing body and place–date line each stay on one line.
HEADER_OVERHANG_CM = 0.6
# Sample values that forms show as hints; never printed as if they were someone's name.
PLACEHOLDER_SIGNERS = ("nguyễn văn a", "họ và tên", "họ tên người ký")
PLACEHOLDER_TITLES = ("thủ trưởng cơ quan",)


@dataclass(frozen=True)
class Style:
    """How a part of the printed report is set: size, weight, slant, case."""
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False


@dataclass(frozen=True, eq=False)  # two constants told apart by name: no field-wise == to build
class Layout:
    """Sizes and styles of each element, within the ranges the rules allow."""
    name: str
    national_lines: tuple[str, ...]  # right column of the header
    national: Style
    motto: Style | None
    superior: Style
    issuer: Style
    issuer_mark: str                 # what stands under the issuing body: a rule or "*"
    number: Style
    place_date: Style
    title: Style                     # "BÁO CÁO"
    subject: Style
    body: Style
    heading1: Style
    heading2: Style
    heading3: Style
    recipients_label: Style          # "Nơi nhận:"
    recipients: Style
    signature: Style                 # capacity and title
    signer: Style                    # the name
    page_number: Style
    annex_label: Style               # "Phụ lục"
    annex_title: Style
    annex_note: Style                # "(Kèm theo Báo cáo số … ngày …)"
    table: Style
    capacities: tuple[str, ...]       # the usual signing capacities, for suggestions

    def number_line(self, number: str, code: str) -> str:
        """ "Số: 05/BC-UBND" (State) or "Số 127-BC/BTGTU" (Party); a blank number leaves room
        for the văn thư to write it in when the document is registered."""
        number = document_number(number, self.name) or "\u00a0" * 6
        if self.name == PARTY:
            return f"Số {number}-{code}"
        return f"Số: {number}/{code}"


STATE_LAYOUT = Layout(
    name=STATE,
    national_lines=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    national=Style(12, bold=True, caps=True), motto=Style(13, bold=True),
    superior=Style(13, caps=True), issuer=Style(13, bold=True, caps=True), issuer_mark="rule",
    number=Style(13), place_date=Style(14, italic=True),
    title=Style(14, bold=True, caps=True), subject=Style(14, bold=True),
    body=Style(14), heading1=Style(14, bold=True), heading2=Style(14, bold=True),
    heading3=Style(14, bold=True, italic=True),
    recipients_label=Style(12, bold=True, italic=True), recipients=Style(11),
    signature=Style(14, bold=True, caps=True), signer=Style(14, bold=True),
    page_number=Style(13), annex_label=Style(14, bold=True), annex_title=Style(14, bold=True),
    annex_note=Style(14, italic=True), table=Style(12),
    capacities=("TM.", "KT.", "TL.", "TUQ.", "Q."),
)

PARTY_LAYOUT = Layout(
    name=PARTY,
    national_lines=("ĐẢNG CỘNG SẢN VIỆT NAM",),
    national=Style(15, bold=True, caps=True), motto=None,
    superior=Style(14, caps=True), issuer=Style(14, bold=True, caps=True), issuer_mark="*",
    number=Style(14), place_date=Style(14, italic=True),
    title=Style(16, bold=True, caps=True), subject=Style(14, bold=True),
    body=Style(14), heading1=Style(14, bold=True), heading2=Style(14, bold=True),
    heading3=Style(14, bold=True, italic=True),
    recipients_label=Style(14, underline=True), recipients=Style(12),
    signature=Style(14, bold=True, caps=True), signer=Style(14, bold=True),
    page_number=Style(14), annex_label=Style(14, bold=True), annex_title=Style(14, bold=True),
    annex_note=Style(14, italic=True), table=Style(12),
    capacities=("T/M", "K/T", "T/L", "T/U.Q"),
)

LAYOUTS = {STATE: STATE_LAYOUT, PARTY: PARTY_LAYOUT}


@dataclass(frozen=True)
class Letterhead:
    """The issuing agency's settings: what fills the layout. None of it is a constant: no
    province, place or person is assumed (issue 12); what is missing is asked for before
    anything is printed (`missing_fields`, `missing_signer`)."""
    layout: str = PARTY
    superior_body: str = ""
    issuing_body: str = "BAN TUYÊN GIÁO VÀ DÂN VẬN\nTỈNH ỦY"
    number: str = ""
    code: str = "BC/BTGDVTU"
    place: str = ""
    issued_on: str = ""  # YYYY-MM-DD; empty: the day of export
    signing_capacity: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: str = ("Ban Tuyên giáo và Dân vận Trung ương (b/c)\nThường trực Tỉnh ủy (b/c)\n"
                       "Thành viên Ban Chỉ đạo\nLưu: VT, TTTH")
    margin_top: str = ""  # mm; empty: the template's margins
    margin_bottom: str = ""
    margin_left: str = ""
    margin_right: str = ""
    template: str = ""  # a committee's own .docx template; empty: the one shipped
    member_superior_body: str = ""

    @property
    def layout_rules(self) -> Layout:
        return LAYOUTS[self.layout]

    @property
    def number_line(self) -> str:
        return self.layout_rules.number_line(self.number, self.code)

    @property
    def recipient_lines(self) -> list[str]:
        return [line for line in (clean_line(x) for x in self.recipients.split("\n")) if line]

    def issue_date(self, today: date | None = None) -> date:
        return date.fromisoformat(self.issued_on) if self.issued_on else (today or date.today())


# The shipped Word template's page margins (mm), which apply where the settings leave one
# empty and no template of one's own is chosen (export/template.py builds it so).
DEFAULT_MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}


def agency_letterhead(own: Letterhead, agency_code: str, agency_name: str) -> Letterhead:
    """A member agency's letterhead, for printing that agency's report: a State body under
    `member_superior_body` (what has been set for that agency in particular goes over it:
    core.settings.letterhead_from)."""
    return replace(own, layout=STATE, superior_body=own.member_superior_body,
                   issuing_body=agency_name.upper(), code=f"BC-{agency_code}", number="",
                   signing_capacity="", signer_title="", signer_name="",
                   recipients="Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh\nLưu: VT")


def recipient_lines(lines: list[str], layout: str = STATE) -> list[str]:
    """Nghị định 30: "- X;" for each recipient, the last "- Lưu: VT, …."; Hướng dẫn
    36-HD/VPTW: "- X," for each, the last "- Lưu …." (no colon after "Lưu")."""
    result = []
    for n, line in enumerate(lines):
        line = line.lstrip("-–• ").rstrip(";.,")
        last = n == len(lines) - 1
        if layout == PARTY:
            line = re.sub(r"^Lưu\s*:\s*", "Lưu ", line)
            end = "." if last else ","
        else:
            line = re.sub(r"^Lưu\s+(?!:)", "Lưu: ", line)
            end = "." if last else ";"
        result.append(f"- {line}{end}")
    return result


def lines(text: str) -> list[str]:
    """The non-empty lines of a multi-line setting."""
    return [line for line in text.split("\n") if line.strip()]


def signature_lines(letterhead: Letterhead) -> list[str]:
    """Capacity ("TM. …", "K/T …") and title, as printed above the signature; a generic
    placeholder title is never printed."""
    return [line for line in lines(letterhead.signing_capacity + "\n" + letterhead.signer_title)
            if clean_line(line).casefold() not in PLACEHOLDER_TITLES]


def signer_name(letterhead: Letterhead) -> str:
    """The name printed under the signature: "" (room to write it) rather than a sample."""
    name = clean_line(letterhead.signer_name)
    return "" if is_placeholder_signer(name) else name


def document_number(number: str, layout: str = STATE) -> str:
    """Nghị định 30: numbers below 10 are written with a leading zero ("05"). Hướng dẫn
    36-HD/VPTW asks for no such thing: a Party number stays as typed."""
    number = number.strip()
    if layout == STATE and number.isdigit() and int(number) < 10:
        return f"{int(number):02d}"
    return number


def _width_of(text: str, style: Style) -> float:
    return text_width_cm(text.upper() if style.caps else text, style.size, style.bold)


def header_columns(letterhead: Letterhead, issued: date, text_cm: float) -> tuple[float, float]:
    """Widths of the page-1 header's two columns (they may reach HEADER_OVERHANG_CM into each
    side margin)."""
    layout = letterhead.layout_rules
    place_date = place_date_line(letterhead.place, issued)
    left = [(line, layout.superior) for line in letterhead.superior_body.split("\n")] + \
        [(line, layout.issuer) for line in letterhead.issuing_body.split("\n")] + \
        [(letterhead.number_line, layout.number)]
    right = [(layout.national_lines[0], layout.national)] + \
        [(line, layout.motto) for line in layout.national_lines[1:]] + \
        [(place_date, layout.place_date)]
    # the national title and motto never wrap (a lone «NAM» on a second line): when the columns
    # cannot both fit, a long issuing body wraps instead
    national = max(_width_of(text, style) for text, style in right[:-1]) + CELL_PADDING_CM + 0.6
    return split_columns(*(max(_width_of(text, style) for text, style in column)
                           + CELL_PADDING_CM + 0.1 for column in (left, right)),
                         text_cm + 2 * HEADER_OVERHANG_CM, max(8.0, national))


def issuer_rule_cm(letterhead: Letterhead, column_cm: float) -> float:
    """The short rule under the issuing body: 40 % of its longest line (Nghị định 30: 1/3 to
    1/2)."""
    layout = letterhead.layout_rules
    widest = max((text_width_cm(line.upper(), layout.issuer.size, True)
                  for line in lines(letterhead.issuing_body)), default=3.0)
    return min(widest, column_cm - CELL_PADDING_CM) * 0.4


def subject_rule_cm(subject: str, layout: Layout, text_cm: float) -> float:
    """The rule under the subject line: a third of its (longest) line."""
    return min(text_width_cm(subject, layout.subject.size, True), text_cm - 2) / 3


SUBJECT_MARK_PARTY = "-----"  # Hướng dẫn 36-HD/VPTW: five hyphens under the subject line


# --- Consistency of the letterhead with its layout ---------------------------------------------
_STATE_CAPACITIES = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/UQ"}
_PARTY_CAPACITIES = {party: state for state, party in _STATE_CAPACITIES.items()}
_CAPACITY = re.compile(r"^(TM\.|KT\.|TL\.|TUQ\.|T/M|K/T|T/L|T/U\.?Q\.?)\s*", re.IGNORECASE)
_PARTY_WORDS = ("ĐẢNG BỘ", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "ĐẢNG ỦY", "BAN CHẤP HÀNH")
_STATE_WORDS = ("ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "BỘ ", "SỞ ")


def is_placeholder_signer(name: str) -> bool:
    return clean_line(name).casefold() in PLACEHOLDER_SIGNERS


def missing_signer(letterhead: Letterhead) -> bool:
    """No real signer: the name is empty or a sample, or the title is the generic
    "THỦ TRƯỞNG CƠ QUAN"."""
    return (not clean_line(letterhead.signer_name) or is_placeholder_signer(letterhead.signer_name)
            or clean_line(letterhead.signer_title).casefold() in PLACEHOLDER_TITLES
            or not clean_line(letterhead.signer_title))


# Settings without which the page-1 header has a hole: named to the user before output.
HEADER_KEYS = ("superior_body", "place")


def missing_fields(letterhead: Letterhead) -> list[str]:
    """The keys of HEADER_KEYS left empty (name them by their label: core.settings)."""
    return [key for key in HEADER_KEYS if not clean_line(getattr(letterhead, key))]


def _code_for(code: str, layout: str) -> str:
    """ "BC-UBND" (State) ↔ "BC/BTGTU" (Party): the separator after the document type."""
    code = clean_line(code)
    match = re.match(r"^([A-ZĐ]{1,4})[-/](.+)$", code)
    if not match:
        return code
    kind, issuer = match.groups()
    return f"{kind}{'/' if layout == PARTY else '-'}{issuer}"


def _capacity_for(capacity: str, layout: str) -> str:
    result = []
    for line in capacity.split("\n"):
        match = _CAPACITY.match(line)
        if match:
            word = match.group(1).upper().replace("T/U.Q.", "T/UQ").replace("T/U.Q", "T/UQ")
            table = _STATE_CAPACITIES if layout == PARTY else _PARTY_CAPACITIES
            word = table.get(word, word)
            line = f"{word} {line[match.end():]}".strip()
        result.append(line)
    return "\n".join(result)


def convert_layout(letterhead: Letterhead, layout: str) -> Letterhead:
    """The same letterhead in the other layout: the code's separator (BC-UBND / BC/BTGTU) and
    the signing capacity (TM., KT., TL. / T/M, K/T, T/L). The superior body cannot be guessed
    and is left for `layout_problems` to point out."""
    if layout not in LAYOUTS:
        raise TTDNError(f"Thiết lập «layout» nhận «state» hoặc «party», không phải «{layout}».")
    return replace(letterhead, layout=layout, code=_code_for(letterhead.code, layout),
                   signing_capacity=_capacity_for(letterhead.signing_capacity, layout))


def layout_problems(letterhead: Letterhead) -> list[str]:
    """What does not fit the chosen layout, in sentences for the user; [] when all is well."""
    problems = []
    party = letterhead.layout == PARTY
    name = "thể thức Đảng (Hướng dẫn 36-HD/VPTW)" if party else \
        "thể thức nhà nước (Nghị định 30/2020/NĐ-CP)"
    superior = clean_line(letterhead.superior_body.replace("\n", " ")).upper()
    if not party and any(word in superior for word in _PARTY_WORDS):
        problems.append(f"Cơ quan chủ quản «{superior}» là của cơ quan Đảng, nhưng đang chọn "
                        f"{name} (dòng «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»).")
    if party and any(superior.startswith(word) for word in _STATE_WORDS):
        problems.append(f"Cơ quan chủ quản «{superior}» là cơ quan nhà nước, nhưng đang chọn "
                        f"{name} (dòng «ĐẢNG CỘNG SẢN VIỆT NAM»).")
    code = clean_line(letterhead.code)
    if code and _code_for(code, letterhead.layout) != code:
        problems.append(f"Ký hiệu «{code}» viết theo thể thức kia; {name} viết "
                        f"«{_code_for(code, letterhead.layout)}».")
    capacity = letterhead.signing_capacity
    if capacity and _capacity_for(capacity, letterhead.layout) != capacity:
        fixed = _capacity_for(capacity, letterhead.layout).split("\n")[0]
        problems.append(f"Quyền hạn ký «{capacity.split(chr(10))[0]}» viết theo thể thức kia; "
                        f"{name} viết «{fixed}».")
    return problems


# --- The place–date line ---------------------------------------------------------------------
def place_date_line(place: str, day: date) -> str:
    """ "Quảng Ninh, ngày 05 tháng 01 năm 2021": the day always two digits; the month with a
    leading zero only for January and February (Nghị định 30/2020, Phụ lục I). No place set:
    dots to write it by hand, never a line starting with a bare comma."""
    return f"{clean_line(place) or '……'}, {date_phrase(day)}"


def date_phrase(day: date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- Text width -------------------------------------------------------------------------------
# Advance widths (1/1000 em) of the printable ASCII characters in Times New Roman, read from the
# metric-compatible Liberation Serif. Vietnamese letters take the width of their base letter.
_WIDTHS = {
    False: [250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722,
            667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
            556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444,
            500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278,
            500, 500, 722, 500, 500, 444, 480, 200, 480, 541],
    True: [250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500,
           500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722,
           667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
           556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444,
           556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333,
           556, 500, 722, 500, 500, 444, 394, 220, 394, 520],
}


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of text in Times New Roman."""
    table = _WIDTHS[bold]
    units = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1]
        code = ord(base) if base else 32
        units += table[code - 32] if 32 <= code < 127 else 500
    return units / 1000 * size_pt / 72 * 2.54


def split_columns(left_cm: float, right_cm: float, total_cm: float,
                  right_minimum_cm: float = 8.0) -> tuple[float, float]:
    """Widths of the header's two columns: each as wide as its longest line needs where the
    page allows, the room left over shared out. When both cannot fit, the issuing body keeps
    its lines (a long place name wraps instead), leaving the right column at least
    `right_minimum_cm`."""
    if left_cm + right_cm <= total_cm:
        spare = (total_cm - left_cm - right_cm) / 2
        return left_cm + spare, right_cm + spare
    left = min(left_cm, total_cm - right_minimum_cm)
    return left, total_cm - left
