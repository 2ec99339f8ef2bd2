"""Figures as agencies write them in prose and tables: the number as written («3.800», «3 800»,
«3,8 nghìn», «1,25 triệu», «02», «hai»), and why a figure stated is no exact value of the
period reported on (about, a range, a change against last year, last year's own figure, a
plan). Pure functions on text; sentence_figures and table_figures give the figures to
indicators."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ttdn_desktop.core.text import fold, parse_number

# Why a figure stated is never taken as this period's value: shown, never accepted.
APPROXIMATE = "số ước lượng"
RANGE = "khoảng giá trị, không phải một số"
CHANGE = "mức tăng, giảm so với kỳ khác"
EARLIER = "số của kỳ khác"
PLAN = "số kế hoạch, dự kiến"
UNCLEAR = "cách viết số không rõ"
WORDS = "số viết bằng chữ"
# a table's figure whose column or unit leaves it unsure what it counts
COLUMN = "bảng không rõ cột nào là số của kỳ báo cáo"
OTHER_UNIT = "đơn vị tính khác đơn vị của chỉ tiêu"
# a sentence that speaks of two indicators almost alike: whose figure it is, the user says
WHICH = "không rõ là số của chỉ tiêu nào"

# each reason in a word or two, for a line that counts the figures left out
_SHORT = {APPROXIMATE: "ước lượng", RANGE: "khoảng", CHANGE: "mức tăng, giảm",
          EARLIER: "số kỳ khác", PLAN: "kế hoạch", UNCLEAR: "viết không rõ",
          WORDS: "viết bằng chữ", COLUMN: "không rõ cột của kỳ", OTHER_UNIT: "khác đơn vị tính",
          WHICH: "không rõ chỉ tiêu"}


def short_reasons(reasons) -> str:
    """«ước lượng, khác đơn vị tính»: the kinds of reasons given, each once, in order."""
    found = dict.fromkeys(next((w for k, w in _SHORT.items() if r.startswith(k)), r)
                          for r in reasons if r)
    return ", ".join(found)


# thousands grouped by a dot or a space (plain, non-breaking, thin, narrow); then a decimal
# part (a comma; a dot here is no thousands group and so unclear)
_SPACES = "\u00a0\u202f\u2009 "
NUMBER = (rf"(?<![\w.,/])(?P<num>[0-9]{{1,3}}(?:[.{_SPACES}][0-9]{{3}})+(?![0-9])|[0-9]+)"
          r"(?P<frac>[.,][0-9]+)?(?![\w/])")
MULTIPLIER = r"(?:\s*(?P<mult>nghin|ngan|trieu|ty|ti)\b)?"
_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "triệu": 10 ** 6, "tỷ": 10 ** 9, "tỉ": 10 ** 9}
# single words read as numbers; longer numbers in words are named, never read
WORD_NUMBER = r"(?<!\w)(?P<word>hai|ba|bon|sau|bay|tam|chin|muoi|mot|nam|tu|lam)"
_READ_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
               "mười": 10}
_NUMERAL_WORDS = set("""một mốt hai ba bốn tư năm lăm sáu bảy tám chín mười mươi trăm
    nghìn ngàn triệu tỷ tỉ linh lẻ""".split())
ROUGH_WORDS = (r"(?<!\w)(?P<rough>(?:hang|vai) (?:chuc|tram|nghin|ngan|trieu)"
               r"(?: (?:nghin|ngan|trieu))?)")

# A number right after these is a name (Kế hoạch số 12, lần thứ 3, tháng 5), not a count
_NAMING_WORDS = {"số", "thứ", "lần", "khóa", "kỳ", "quý", "tháng", "ngày", "điều", "khoản",
                 "mục", "phần", "chương", "đợt", "khoá"}
_TOTAL_BEFORE = re.compile(r"(?<!\w)(?:tổng cộng|tổng số|tổng|cộng|cả thảy|tất cả|toàn bộ)"
                           r"(?:\s+(?:là|được|có|đạt|lên|lên đến|lên tới|khoảng|hơn|gần|"
                           r"trên|xấp xỉ|ước|ước tính|chừng))*\s*:?\s*$")
_PARTS_AFTER = re.compile(r"(?<!\w)(?:bao gồm|gồm|cụ thể|chia ra)(?!\w)|\(\s*[0-9]")
_CHANGE_BEFORE = re.compile(r"(?<!\w)(?P<w>tăng|giảm|tăng thêm|giảm đi|tăng lên|giảm xuống|"
                            r"nhiều hơn|ít hơn|cao hơn|thấp hơn|vượt|chênh lệch|hơn)"
                            r"(?:\s+(?:được|là|thêm|đi|lên|xuống|so với cùng kỳ|so cùng kỳ))?"
                            r"\s+$")
_ROUGH_BEFORE = re.compile(r"(?<!\w)(?P<w>hơn|trên dưới|trên|gần như|gần|khoảng|chừng|"
                           r"ước tính|ước đạt|ước khoảng|xấp xỉ|dưới|chưa đến|chưa tới|"
                           r"ít nhất|tối thiểu|tối đa|không dưới|không quá|không ít hơn|"
                           r"ngót|cỡ|độ|hàng)(?:\s+(?:đạt|được|có|là|khoảng))?\s+$")
_ROUGH_AFTER = re.compile(r"^(?:,?\s*bài)?\s*(?P<w>trở lên|trở xuống|có lẻ|có dư)(?!\w)")
_ESTIMATE = re.compile(r"(?<!hiệp )(?<!công )(?<!quy )(?<!giao )(?<!mong )(?<!\w)ước(?!\w)"
                       r"(?! mơ)(?! nguyện)(?! muốn)")
_RANGE_BEFORE = re.compile(r"(?P<w>(?:(?<!\w)từ\s+)?(?<![\w.,/])(?P<first>[0-9]+(?:[.,][0-9]+)*)"
                           r"\s*(?:[-–—]|đến|tới|hoặc|hay|,)\s*)$")
_OTHER_PERIOD = re.compile(r"(?<!\w)(?:cùng kỳ|năm trước|kỳ trước|năm ngoái|so với|"
                           r"so cùng kỳ)(?!\w)")
# a plan's figure: said so anywhere before it in its clause ("dự kiến tổ chức 02 lớp"), or the
# plan named right before it ("kế hoạch năm 2021 là 4 lớp"); "xây dựng kế hoạch và tổ chức 3
# lớp", "nhằm mục tiêu …" are no plan's figures
_PLAN = re.compile(r"(?<!\w)(?:dự kiến|phấn đấu|sẽ|đề ra|dự định|theo kế hoạch(?! số))(?!\w)|"
                   r"(?<!\w)(?:kế hoạch|chỉ tiêu)(?:\s+năm\s+[0-9]{4})?"
                   r"(?:\s+(?:là|đề ra|được giao|giao))?\s*:?\s*$")
_YEAR = re.compile(r"(?<!\w)năm\s+(20[0-9]{2})(?![0-9])")
_BOUNDARY = re.compile(r";|,(?=\s)|\s[-–—]\s")


def number_value(num: str, frac: str | None, mult: str | None):
    """(value, "") for a number as written — "3.800", "3 800", "3,8" with "nghìn" — or
    (None, why not) when it is no whole count: "3,8 bản", "3,800 bản" (English thousands?),
    "3.8 nghìn"."""
    digits = re.sub(rf"[.{_SPACES}]", "", num)
    factor = _MULTIPLIERS.get(mult or "", 1) if mult else 1
    try:
        if frac:
            if frac[0] == "." or not mult:
                return None, UNCLEAR
            value = Decimal(f"{digits}.{frac[1:]}") * factor
        else:
            value = Decimal(digits) * factor
    except InvalidOperation:
        return None, UNCLEAR
    if value != value.to_integral_value():
        return None, UNCLEAR
    return int(value), ""


def multiplier_word(lowered: str, start: int, end: int) -> str | None:
    word = lowered[start:end]
    return word if word in _MULTIPLIERS else None


def previous_word(lowered: str, start: int) -> str:
    words = re.findall(r"\w+", lowered[max(0, start - 20):start])
    return words[-1] if words else ""


def names_something(lowered: str, start: int) -> bool:
    """A number after «số», «thứ», «tháng»… is a name or a date, not a count; «tổng số» is."""
    before = lowered[max(0, start - 20):start]
    return previous_word(lowered, start) in _NAMING_WORDS and not re.search(
        r"tổng\s+số\s*:?\s*$", before)


def word_number(lowered: str, start: int, end: int, has_multiplier: bool):
    """(value, why not) for a number in words: "hai cuộc" is 2; "mười hai", "hai mươi",
    "ba nghìn" are named, never read; "một" and "năm" (an article, a year) are no number."""
    word = lowered[start:end]
    before = previous_word(lowered, start)
    if before in _NUMERAL_WORDS:
        return None, WORDS
    if before in _NAMING_WORDS or word not in _READ_WORDS:
        return None, None  # "lần thứ hai", "một", "năm": nothing stated
    if has_multiplier:
        return None, WORDS
    return _READ_WORDS[word], ""


def context_before(lowered: str, start: int) -> tuple[int, str]:
    """Where the clause of the number at `start` begins, and its words before the number; in
    a parenthesis the words before the parenthesis count too ("tăng 20% so với cùng kỳ (8
    cuộc)"), a closed parenthesis on the way does not."""
    before = lowered[:start]
    opened, closed = before.rfind("("), before.rfind(")")
    bounds = [m.end() for m in _BOUNDARY.finditer(before)]
    if opened > closed:
        inner = max([opened + 1] + [b for b in bounds if b > opened])
        outer = max([0] + [b for b in bounds if b < opened])
        text = before[outer:opened] + " " + before[inner:]
        clause_start = inner
    else:
        clause_start = max([0] + bounds)
        text = before[clause_start:]
    return clause_start, re.sub(r"\([^()]*\)", " ", text)


def why_not_exact(lowered: str, start: int, end: int, period_year: int | None,
                  future: bool = False) -> tuple[str, int, int]:
    """("", …) for a figure of the period reported on, or (why not, start, end of the words
    that say so) for the number at lowered[start:end] (its unit included)."""
    before = lowered[:start]
    clause_start, context = context_before(lowered, start)
    after = lowered[end:]
    found = re.search(r"(?<!\w)từ\s+$", before)
    if found:
        to = re.match(r"[^\d;]{0,30}?(?<!\w)(?:đến|tới)\s+[0-9][0-9.,]*(?:\s+\w+)?", after)
        if to:   # "từ 3 đoàn đến 4 đoàn": the first end of the range
            return RANGE, found.start(), end + to.end()
    found = re.search(r"(?<!\w)từ\s+[0-9][0-9.,]*(?:\s+\w+){1,4},?\s+(?:đến|tới)\s+$", before)
    if found:
        return RANGE, found.start(), end
    found = _RANGE_BEFORE.search(before)
    if found and not re.fullmatch(r"(?:19|20)[0-9]{2}", found.group("first")) and \
            not re.search(r"(?:(?<!\w)năm\s*|[-–—/])$", before[:found.start("first")]):
        return RANGE, found.start(), end
    found = _CHANGE_BEFORE.search(before)
    ahead = _BOUNDARY.search(after)
    clause = lowered[clause_start:end + (ahead.start() if ahead else len(after))]
    if found and (found.group("w") != "hơn" or _OTHER_PERIOD.search(clause)):
        return f"{CHANGE}: «{found.group('w')}»", found.start(), end
    if re.search(r"(?<!\w)(?:tăng|giảm)(?!\w)(?! cường)", context) and _OTHER_PERIOD.search(
            context):
        return CHANGE, start, end
    years = [int(y) for y in _YEAR.findall(context)]
    if period_year is None:
        every = [int(y) for y in _YEAR.findall(lowered)]
        other = [y for y in years if every and y < max(every)]
    else:
        other = [y for y in years if y != period_year]
    said = clause_start + len(lowered[clause_start:start]) - len(lowered[clause_start:start]
                                                                  .lstrip())
    if _OTHER_PERIOD.search(context) or other:
        return EARLIER, said, end
    if future or _PLAN.search(context):
        return PLAN, said, end
    found = _ROUGH_BEFORE.search(before)
    if found:
        return f"{APPROXIMATE}: «{found.group('w')}»", found.start(), end
    found = _ROUGH_AFTER.search(after)
    if found:
        return f"{APPROXIMATE}: «{found.group('w')}»", start, end + found.end()
    if _ESTIMATE.search(context):
        return f"{APPROXIMATE}: «ước»", start, end
    return "", start, end


def estimate_column(header: str) -> str:
    """Why the figures of a table's column are no exact values, or "": «Ước thực hiện 6 tháng
    đầu năm 2021» gives estimates, named, never stored; one rule for the tables of a Word
    report and for an agency's own statistics sheet."""
    if re.search(r"\buoc\b", fold(header)):
        return f"{APPROXIMATE}: cột «{' '.join(header.split())}»"
    return ""


def cell_figure(text: str, rate: bool = False):
    """(value, "") of a table cell that holds a figure ("3 800", "05", "1,25 triệu", "85%"
    for a rate); (None, why not) for one that is no exact figure ("khoảng 200", "150–170",
    "3,8" for a count); (None, "") for no figure at all."""
    cell = " ".join(text.split())
    lowered, folded = cell.lower(), fold(cell)
    if not re.search(r"[0-9]", cell):
        rough = re.search(r"(?<!\w)(?:hàng|vài) (?:chục|trăm|nghìn|ngàn|triệu)", lowered)
        return (None, f"{APPROXIMATE}: «{rough.group()}»") if rough else (None, "")
    if len(lowered) != len(cell) or len(folded) != len(cell):
        return None, UNCLEAR
    if re.match(r"^\s*[~≈<>≥≤]", cell):
        return None, f"{APPROXIMATE}: «{cell.strip()[0]}»"
    numbers = list(re.finditer(NUMBER + MULTIPLIER, folded))
    if not numbers:
        return None, ""   # a date, a document number
    found = numbers[-1]   # "150–170": the range is seen from its end
    why, _, _ = why_not_exact(lowered, found.start(), found.end(), None)
    if why:
        return None, why
    if rate and re.fullmatch(r"[0-9.,\s]+%?", cell):
        try:
            return parse_number(cell.rstrip("% ")), ""
        except ValueError:
            return None, UNCLEAR
    if "%" in cell or not re.fullmatch(NUMBER + MULTIPLIER + r"(?:\s+[^\W\d_]+)*", folded):
        return None, UNCLEAR   # a percentage is no count
    mult = multiplier_word(lowered, found.start("mult"), found.end("mult")) \
        if found.group("mult") else None
    return number_value(found.group("num"), found.group("frac"), mult)


def is_total(lowered: str, start: int) -> bool:
    """ "tổng cộng 14 phóng viên", "nâng tổng số lên 5 đoàn": the total of the parts before."""
    return bool(_TOTAL_BEFORE.search(lowered[max(0, start - 40):start]))


def parts_follow(lowered: str, end: int, next_start: int) -> bool:
    """ "14 phóng viên (5 …, 9 …)", "165 tin, bài, gồm 120 …": what follows details it."""
    return bool(_PARTS_AFTER.search(lowered[end:next_start + 1]))
