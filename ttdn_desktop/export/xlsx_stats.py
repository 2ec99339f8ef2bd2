"""The statistics workbook that goes with the report.

- "Tổng hợp": one row per indicator and breakdown member. "Kỳ này" is a live formula over the
  per-agency sheet, so correcting one agency's cell moves the total; rates are recomputed from
  their counts (or averaged), never summed; "So sánh (%)" stays blank when last year is 0 or
  missing.
- "Theo đơn vị": agencies in member order as rows, indicators as columns (breakdown members as
  sub-columns), a total row of formulas. Not in one agency's own workbook: a table of one row,
  printed over five pages; its summary holds the figures themselves.
- "Biểu đồ": native Excel charts of the indicators the form marks with `chart`, those with two
  bars or more (one bar compares nothing); no sheet when none has.

Every column is as wide as its content (measured in Times New Roman), every row as tall as its
wrapped text, every cell of a row on its middle line.
- "Chi tiết cấp dưới" (at an upper level only): each committee's total row, then its own
  members' figures as its package carried them.
"""

from __future__ import annotations

import os

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (CharacterProperties, Font as DrawingFont, Paragraph,
                                   ParagraphProperties, RegularTextRun)
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.pagebreak import Break

from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.export.rows import stat_rows
from ttdn_desktop.office.sheets import (BODY_FONT, BOX, CENTER, COUNT_FORMAT, DIGIT_PT,
                                        FONT, HEADER_FONT, LINE_PT, MIDDLE, RATE_FORMAT,
                                        WRAP_MIDDLE, column, formula, line_count,
                                        new_workbook, print_setup, put, quote_sheet,
                                        row_height, set_properties, width_for)
from ttdn_desktop.util.files import save_atomic

SUMMARY = "Tổng hợp"
BY_AGENCY = "Theo đơn vị"
CHARTS = "Biểu đồ"
BY_MEMBER = "Chi tiết cấp dưới"
HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "So sánh (%)",
           "Ghi chú")
FIRST_AGENCY_ROW = 3
AGENCY_PRINT_SCALE = 65
# What an A4 landscape page holds across at that scale, margins (0.5 inch) taken off, in digits
# of the column unit; 3 % kept for the suites' rounding.
PAGE_DIGITS = (842 - 72) / (AGENCY_PRINT_SCALE / 100) * 0.97 / DIGIT_PT
NAME_WIDTH_MAX = 34    # digits: a longer agency name wraps onto a second line
FIGURE_WIDTH_MIN = 7   # digits: "Tổng số" and a five-digit figure
HEADER_WIDTH_MAX = 14  # digits: an indicator of one column wraps its name within this
CHART_FONT_PT = 10
CHART_WIDTH_CM = 17     # within the text width of A4 portrait at 100 % (18.4 cm)
# Column A holds the charts' width: the columns a chart covers are printed, and one reaching
# into a narrow column B sent that column to a page of its own. A digit is 5.25 points in
# Excel (7 pixels), 5.5 in LibreOffice: wide enough in one, within the page in the other.
CHART_COLUMN = round(CHART_WIDTH_CM / 2.54 * 72 / 5.25 + 1, 1)
ROW_CM = 15 / 72 * 2.54  # every row of the chart sheet is 15 points high
ROWS_PER_PAGE = 44       # A4 portrait at 100 %, margins and header/footer taken off
LABEL_WIDTH = 58         # digits: the indicator column at least this wide when labels wrap
SUMMARY_PAGE_DIGITS = (842 - 72) * 0.97 / DIGIT_PT  # A4 landscape at 100 %, less margins
NOTE_WIDTH = (14, 30)    # digits, the "Ghi chú" column at least and at most
SUMMARY_HEADER_ROW = 4


def write_stats_xlsx(consolidation: Consolidation, out: str | os.PathLike,
                     cutoff: tuple | None = None) -> None:
    """`cutoff`: (data from, data to) dates, shown under the title."""
    workbook = new_workbook()
    summary = workbook.active
    summary.title = SUMMARY
    heading = f"{consolidation.form.name} — {consolidation.period.label}"
    if cutoff:
        heading += f" (số liệu từ {format_date(cutoff[0])} đến {format_date(cutoff[1])})"
    columns, last_row = {}, None
    if len(consolidation.statuses) > 1:  # one agency's own workbook: its figures in the summary
        columns, last_row = _agency_sheet(workbook.create_sheet(BY_AGENCY), consolidation,
                                          heading)
    rows = _summary_sheet(summary, consolidation, columns, last_row, cutoff, heading)
    charted = [i for i in consolidation.form.indicators if _bars(consolidation, i) >= 2]
    if charted:
        _charts(workbook.create_sheet(CHARTS), consolidation, charted, columns, last_row, rows,
                heading)
    if consolidation.sub_members:  # committees reporting here, with their own members
        _members_sheet(workbook.create_sheet(BY_MEMBER), consolidation, heading)
    title = consolidation.form.report_title(consolidation.period)
    set_properties(workbook, f"Biểu số liệu: {title}", consolidation.form.name)
    save_atomic(out, workbook.save)


def total_formula(indicator, span: str, total_of) -> str:
    """The formula of an indicator's total over the agencies' cells `span`: a sum for counts
    (blank when nobody gave one), for rates the ratio of the totals of its numerator and
    denominator (`total_of(indicator id)` gives their cells) or the mean; never a sum."""
    if indicator.kind == "count":
        return f'IF(COUNT({span})=0,"",SUM({span}))'
    if indicator.aggregate == "ratio":
        numerator, denominator = total_of(indicator.numerator), total_of(indicator.denominator)
        return (f'IF(OR({denominator}="",{denominator}=0),"",'
                f'ROUND({numerator}/{denominator}*100,2))')
    return f'IFERROR(ROUND(AVERAGE({span}),2),"")'


def page_blocks(form, widths: dict[int, float], room: float, first: int) -> list[int]:
    """The last column of each printed page of the per-agency sheet: indicators in form order,
    as many as fit in `room` (digits; `widths` of each column), an indicator's columns never
    split across pages."""
    ends, used, col = [], 0.0, first
    for indicator in form.indicators:
        width = sum(widths[c] for c in range(col, col + len(indicator.keys)))
        if used and used + width > room:
            ends.append(col - 1)
            used = 0.0
        used += width
        col += len(indicator.keys)
    ends.append(col - 1)
    return ends


def _bars(consolidation: Consolidation, indicator) -> int:
    """How many bars the indicator's chart would have with a value: agencies for "by_agency",
    breakdown members for "by_member"."""
    if indicator.chart == "by_member":
        return sum(1 for key in indicator.keys[1:] if consolidation.totals.get(key))
    if indicator.chart == "by_agency":
        return sum(1 for v in consolidation.per_agency.get((indicator.id, TOTAL), {}).values()
                   if v)
    return 0


def _shown(value, kind: str) -> str:
    """A figure as the number formats print it (3.800, 99,69): what a column must hold."""
    if not isinstance(value, (int, float)):
        return ""
    if kind == "rate":
        return f"{value:.2f}".replace(".", ",")
    return f"{round(value):,}".replace(",", ".")


def _number_format(kind: str) -> str:
    return RATE_FORMAT if kind == "rate" else COUNT_FORMAT


def _agency_sheet(sheet, consolidation: Consolidation, heading: str):
    """Returns ({figure key: column index}, last agency row)."""
    form = consolidation.form
    columns, index = _indicator_headers(sheet, form)
    kinds = {col: form.indicator(key[0]).kind for key, col in columns.items()}
    shown = {col: [] for col in columns.values()}
    row = FIRST_AGENCY_ROW
    for number, status in enumerate(consolidation.statuses, start=1):
        put(sheet, row, 1, number, alignment=CENTER, border=BOX)
        put(sheet, row, 2, status.agency.code, alignment=MIDDLE, border=BOX)
        put(sheet, row, 3, status.agency.name, alignment=WRAP_MIDDLE, border=BOX)
        for key, col in columns.items():
            value = consolidation.per_agency.get(key, {}).get(status.agency.code)
            put(sheet, row, col, value, number_format=_number_format(kinds[col]),
                alignment=MIDDLE, border=BOX)
            shown[col].append(_shown(value, kinds[col]))
        row += 1
    last_row = max(row - 1, FIRST_AGENCY_ROW)
    total_row = last_row + 1
    put(sheet, total_row, 3, "Tổng cộng", font=HEADER_FONT, alignment=WRAP_MIDDLE, border=BOX)
    put(sheet, total_row, 1, None, border=BOX)
    put(sheet, total_row, 2, None, border=BOX)
    for key, col in columns.items():
        indicator = form.indicator(key[0])
        letter = column(col)
        expression = total_formula(
            indicator, f"{letter}{FIRST_AGENCY_ROW}:{letter}{last_row}",
            lambda part: f"{column(columns[(part, TOTAL)])}{total_row}")
        formula(sheet, total_row, col, expression, font=HEADER_FONT, alignment=MIDDLE,
                number_format=_number_format(indicator.kind), border=BOX)
    totals = {col: _shown(consolidation.totals.get(key), kinds[col])
              for key, col in columns.items()}
    _lay_out(sheet, form, columns, shown, totals, bold_rows={total_row},
             heading=f"Số liệu theo đơn vị — {heading}")
    return columns, last_row


def _indicator_headers(sheet, form) -> tuple[dict, int]:
    """The two header rows: STT, code, name, then each indicator over its breakdown members.
    Returns ({figure key: column index}, the first column after them)."""
    for index, text in enumerate(("STT", "Mã", "Đơn vị"), start=1):
        put(sheet, 1, index, text, font=HEADER_FONT, alignment=CENTER, border=BOX)
        put(sheet, 2, index, None, border=BOX)
        sheet.merge_cells(start_row=1, start_column=index, end_row=2, end_column=index)
    columns: dict[tuple[str, str], int] = {}
    index = 4
    for indicator in form.indicators:
        keys = indicator.keys
        put(sheet, 1, index, _header_label(indicator), font=HEADER_FONT, alignment=CENTER,
            border=BOX)
        for offset, key in enumerate(keys):
            columns[key] = index + offset
            if offset:
                put(sheet, 1, index + offset, None, border=BOX)
            put(sheet, 2, index + offset, _member_label(indicator, key), font=HEADER_FONT,
                alignment=CENTER, border=BOX)
        if len(keys) > 1:
            sheet.merge_cells(start_row=1, start_column=index, end_row=1,
                              end_column=index + len(keys) - 1)
        else:
            sheet.merge_cells(start_row=1, start_column=index, end_row=2, end_column=index)
        index += len(keys)
    return columns, index


def _header_label(indicator) -> str:
    return f"{indicator.label} ({indicator.unit})"


def _member_label(indicator, key) -> str:
    member = indicator.breakdown.member(key[1]) if key[1] else None
    return member.label if member else "Tổng số"


def _longest_word(text: str) -> float:
    """The width (digits) a header column needs so that none of its words is cut in two."""
    return width_for(str(text).split(" "), bold=True)


def _lay_out(sheet, form, columns, shown, totals, bold_rows, heading) -> None:
    """Widths from the content, heights from the wrapped text, whole indicators per printed
    page, for the per-agency sheet and the drill-down alike. `shown`: {column: the figures as
    printed, row by row}; `totals`: {column: the bold total row's figure as printed}."""
    first = FIRST_AGENCY_ROW
    last = sheet.max_row
    rows = range(first, last + 1)
    widths = {1: width_for(["STT"], bold=True), 2: width_for(["Mã"], bold=True)}
    widths[1] = max(widths[1], width_for([str(last - first + 1)]))
    widths[2] = max(widths[2], width_for([sheet.cell(r, 2).value for r in rows
                                          if r not in bold_rows]),
                    width_for([sheet.cell(r, 2).value for r in bold_rows], bold=True))
    names = {r: sheet.cell(r, 3).value or "" for r in rows}
    widths[3] = min(NAME_WIDTH_MAX, max(
        width_for(["Đơn vị"], bold=True),
        width_for([n for r, n in names.items() if r not in bold_rows]),
        width_for([n for r, n in names.items() if r in bold_rows], bold=True)))
    single = {}  # indicators of one column: their header spans both header rows
    for indicator in form.indicators:
        for key in indicator.keys:
            col = columns[key]
            widths[col] = max(FIGURE_WIDTH_MIN, width_for(shown[col]),
                              width_for([totals.get(col)], bold=True),
                              _longest_word(_member_label(indicator, key)),
                              _longest_word(_header_label(indicator)))
        if len(indicator.keys) == 1:
            col = columns[indicator.keys[0]]
            label = _header_label(indicator)
            # wide enough for its name on about four lines, within HEADER_WIDTH_MAX
            widths[col] = max(widths[col], min(HEADER_WIDTH_MAX, width_for([label], bold=True)
                                               / 4 + 1))
            single[col] = line_count(label, widths[col], bold=True)
    for col, width in widths.items():
        sheet.column_dimensions[column(col)].width = width
    # header row 2: the breakdown members; row 1: the indicators over them, and what the
    # single-column indicators need of both rows
    second = max([line_count(_member_label(i, k), widths[columns[k]], bold=True)
                  for i in form.indicators if len(i.keys) > 1 for k in i.keys] + [1])
    first_lines = [line_count(_header_label(i), sum(widths[columns[k]] for k in i.keys),
                              bold=True) for i in form.indicators if len(i.keys) > 1]
    first_lines += [lines - second for lines in single.values()]
    first_lines += [line_count("Đơn vị", widths[3], bold=True) - second]
    sheet.row_dimensions[1].height = max(first_lines + [1]) * LINE_PT
    sheet.row_dimensions[2].height = second * LINE_PT
    for row, name in names.items():
        lines = line_count(name, widths[3], bold=row in bold_rows)
        if lines > 1:  # rows of one line keep the default height
            sheet.row_dimensions[row].height = lines * LINE_PT
    sheet.freeze_panes = f"D{FIRST_AGENCY_ROW}"
    # Forty indicator columns cannot be read squeezed onto one page: each printed page holds
    # whole indicators (a breakdown is never split), one page wide, with the agencies and the
    # header rows repeated, the title and period above and the page number below.
    room = PAGE_DIGITS - widths[1] - widths[2] - widths[3]
    for end in page_blocks(form, widths, room, first=4)[:-1]:
        sheet.col_breaks.append(Break(id=end))
    print_setup(sheet, "1:2", heading=heading, scale=AGENCY_PRINT_SCALE)
    sheet.print_title_cols = "A:C"


def _members_sheet(sheet, consolidation: Consolidation, heading: str) -> None:
    """Each committee reporting here, its total row, then its own members as its package
    carried them: the drill-down, on paper."""
    form = consolidation.form
    columns, index = _indicator_headers(sheet, form)
    kinds = {col: form.indicator(key[0]).kind for key, col in columns.items()}
    shown = {col: [] for col in columns.values()}
    totals = {}
    committees = set()
    row = FIRST_AGENCY_ROW
    for status in consolidation.statuses:
        members = consolidation.sub_members.get(status.agency.code)
        if not members:
            continue
        committees.add(row)
        put(sheet, row, 1, None, border=BOX)
        put(sheet, row, 2, status.agency.code, font=HEADER_FONT, alignment=MIDDLE, border=BOX)
        put(sheet, row, 3, status.agency.name, font=HEADER_FONT, alignment=WRAP_MIDDLE,
            border=BOX)
        for key, col in columns.items():
            value = consolidation.per_agency.get(key, {}).get(status.agency.code)
            put(sheet, row, col, value, font=HEADER_FONT, alignment=MIDDLE,
                number_format=_number_format(kinds[col]), border=BOX)
            widest = max((totals.get(col, ""), _shown(value, kinds[col])), key=len)
            totals[col] = widest
        row += 1
        # thousands of rows: only the cells with a value, unboxed (a styled cell costs far more
        # than a plain one in openpyxl); the committee rows keep their boxes
        formats = {key: _number_format(form.indicator(key[0]).kind) for key in columns}
        for number, member in enumerate(members, start=1):
            put(sheet, row, 1, number, alignment=CENTER)
            put(sheet, row, 2, member.code, alignment=MIDDLE)
            put(sheet, row, 3, member.name, alignment=WRAP_MIDDLE)
            for key, value in member.figures.items():
                if key in columns:
                    col = columns[key]
                    put(sheet, row, col, value, number_format=formats[key], alignment=MIDDLE)
                    shown[col].append(_shown(value, kinds[col]))
            row += 1
    _lay_out(sheet, form, columns, shown, totals, bold_rows=committees,
             heading=f"Chi tiết cấp dưới — {heading}")


def _summary_sheet(sheet, consolidation: Consolidation, columns, last_row, cutoff, heading):
    """Returns {figure key: row}. Without `columns` (one agency's own workbook: no per-agency
    sheet) "Kỳ này" holds the figures themselves."""
    title = consolidation.form.report_title(consolidation.period)
    # one agency's own figures are not a "tổng hợp": the sheet says whose they are
    own = consolidation.statuses[0].agency.name if len(consolidation.statuses) == 1 else None
    kind = "BIỂU SỐ LIỆU" if own else "BIỂU TỔNG HỢP SỐ LIỆU"
    put(sheet, 1, 1, f"{kind} CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
        font=Font(name=FONT, size=14, bold=True), alignment=Alignment(horizontal="center"))
    sheet.merge_cells("A1:G1")
    period_line = f"{own} — {consolidation.period.label}" if own else consolidation.period.label
    if cutoff:
        period_line += f" (số liệu từ {format_date(cutoff[0])} đến {format_date(cutoff[1])})"
    put(sheet, 2, 1, period_line, font=Font(name=FONT, size=12, italic=True),
        alignment=Alignment(horizontal="center"))
    sheet.merge_cells("A2:G2")
    put(sheet, 3, 1, title, font=Font(name=FONT, size=11, italic=True),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    sheet.merge_cells("A3:G3")
    for index, text in enumerate(HEADERS, start=1):
        put(sheet, SUMMARY_HEADER_ROW, index, text, font=HEADER_FONT, alignment=CENTER,
            border=BOX)

    rows = stat_rows(consolidation)
    row_of = {row.key: SUMMARY_HEADER_ROW + 1 + n for n, row in enumerate(rows)}
    source = quote_sheet(BY_AGENCY)
    shown = {4: [], 5: [], 6: []}
    for row in rows:
        r = row_of[row.key]
        indicator = consolidation.form.indicator(row.key[0])
        member_font = BODY_FONT if not row.is_member else Font(name=FONT, size=11, italic=True)
        label_font = HEADER_FONT if not row.is_member else member_font
        put(sheet, r, 1, row.number, alignment=CENTER, border=BOX)
        put(sheet, r, 2, row.label, font=label_font, alignment=WRAP_MIDDLE, border=BOX)
        put(sheet, r, 3, row.unit, font=member_font, alignment=CENTER, border=BOX)
        number_format = _number_format(row.kind)
        if columns:
            letter = column(columns[row.key])
            expression = total_formula(
                indicator, f"{source}!{letter}{FIRST_AGENCY_ROW}:{letter}{last_row}",
                lambda part: f"D{row_of[(part, TOTAL)]}")
            formula(sheet, r, 4, expression, font=member_font, number_format=number_format,
                    alignment=MIDDLE, border=BOX)
        else:
            put(sheet, r, 4, row.this, font=member_font, number_format=number_format,
                alignment=MIDDLE, border=BOX)
        put(sheet, r, 5, row.last, font=member_font, number_format=number_format,
            alignment=MIDDLE, border=BOX)
        formula(sheet, r, 6, f'IF(OR(E{r}="",E{r}=0,D{r}=""),"",ROUND(D{r}/E{r}*100,2))',
                font=member_font, number_format=RATE_FORMAT, alignment=MIDDLE, border=BOX)
        put(sheet, r, 7, row.note, font=member_font, alignment=WRAP_MIDDLE, border=BOX)
        shown[4].append(_shown(row.this, row.kind))
        shown[5].append(_shown(row.last, row.kind))
        shown[6].append(_shown(row.compare, "rate"))
    # widths from the content: the labels wrap beyond LABEL_WIDTH, the figures never do
    words = [word for text in HEADERS for word in text.split(" ")]
    widths = {1: width_for(["STT"], bold=True),
              3: max(width_for([r.unit for r in rows]), width_for(["Đơn vị"], bold=True))}
    for col in (4, 5, 6):
        widths[col] = max(width_for(shown[col]), width_for(words, bold=True),
                          width_for(["9.999.999"]))
    notes = [r.note for r in rows if r.note]
    widths[7] = min(NOTE_WIDTH[1], max(NOTE_WIDTH[0], width_for(notes)))
    # the labels: as wide as the longest, within what the page leaves (LABEL_WIDTH at least);
    # a little more than the page leaves is better printed a few per cent smaller than with
    # rows of two lines
    room = SUMMARY_PAGE_DIGITS - sum(widths.values())
    widest = max(width_for([r.label for r in rows if not r.is_member], bold=True),
                 width_for([r.label for r in rows if r.is_member]))
    widths[2] = widest if widest <= room * 1.1 else max(LABEL_WIDTH, room)
    for col, width in widths.items():
        sheet.column_dimensions[column(col)].width = width
    sheet.row_dimensions[3].height = row_height(title, sum(widths.values()), bold=False)
    sheet.row_dimensions[SUMMARY_HEADER_ROW].height = max(
        row_height(text, widths[n], bold=True) for n, text in enumerate(HEADERS, start=1))
    for row in rows:
        lines = max(line_count(row.label, widths[2], bold=not row.is_member),
                    line_count(row.note, widths[7]))
        if lines > 1:  # rows of one line keep the default height
            sheet.row_dimensions[row_of[row.key]].height = lines * LINE_PT
    sheet.freeze_panes = f"A{SUMMARY_HEADER_ROW + 1}"
    print_setup(sheet, f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}",
                heading=f"{'Biểu số liệu' if own else 'Biểu tổng hợp'} — {heading}",
                first_page_heading=False)
    return row_of


def _chart_text(size: float = CHART_FONT_PT, bold: bool = False) -> CharacterProperties:
    face = DrawingFont(typeface=FONT)
    return CharacterProperties(latin=face, cs=face, ea=face, sz=int(size * 100), b=bold)


def _rich(size: float = CHART_FONT_PT, bold: bool = False) -> RichText:
    """Text properties naming Times New Roman: without them each office suite picks its own."""
    properties = _chart_text(size, bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=properties),
                                 endParaRPr=properties)])


def _title(text: str, size: float, bold: bool = True) -> Title:
    properties = _chart_text(size, bold)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=properties),
                          r=[RegularTextRun(rPr=properties, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _charts(sheet, consolidation: Consolidation, indicators, columns, last_row, rows,
            heading) -> None:
    put(sheet, 1, 1, "Biểu đồ số liệu " + consolidation.period.phrase,
        font=Font(name=FONT, size=14, bold=True))
    anchor_row = 3
    summary = None
    page_end = ROWS_PER_PAGE
    for indicator in indicators:
        chart = BarChart()
        label_size = float(CHART_FONT_PT)
        chart.type = "bar" if indicator.chart == "by_agency" else "col"
        chart.legend = None
        if indicator.chart == "by_member":
            summary = summary or sheet.parent[SUMMARY]
            member_rows = [rows[key] for key in indicator.keys[1:]]
            title = f"{indicator.label} theo ngôn ngữ"
            data = Reference(summary, min_col=4, min_row=min(member_rows),
                             max_row=max(member_rows))
            labels = Reference(summary, min_col=2, min_row=min(member_rows),
                               max_row=max(member_rows))
        else:
            source = sheet.parent[BY_AGENCY]
            col = columns[(indicator.id, TOTAL)]
            title = f"{indicator.label} theo đơn vị"
            data = Reference(source, min_col=col, min_row=FIRST_AGENCY_ROW, max_row=last_row)
            labels = Reference(source, min_col=3, min_row=FIRST_AGENCY_ROW, max_row=last_row)
            # one bar per agency, 4.5 mm each, never taller than a page
            bars = last_row - FIRST_AGENCY_ROW + 1
            chart.height = min(max(7.5, 0.45 * bars + 3), (ROWS_PER_PAGE - 6) * ROW_CM)
            label_pt = (chart.height - 4) / bars / 2.54 * 72 * 0.8
            label_size = max(6.0, min(float(CHART_FONT_PT), round(label_pt * 2) / 2))
        chart.add_data(data, titles_from_data=False)
        chart.set_categories(labels)
        chart.width = CHART_WIDTH_CM
        chart.title = _title(title, 12)
        # "12.000" as in the tables, whatever the PC's regional settings
        chart.y_axis.numFmt = NumFmt(formatCode=COUNT_FORMAT, sourceLinked=False)
        chart.y_axis.title = _title(indicator.unit, CHART_FONT_PT, bold=False)
        chart.x_axis.txPr = _rich(label_size)  # every agency's name shown, small if need be
        chart.y_axis.txPr = _rich()
        for axis in (chart.x_axis, chart.y_axis):
            axis.delete = False  # openpyxl 3.1 hides the axes otherwise
        chart.x_axis.number_format = "General"
        height_rows = int(chart.height / ROW_CM) + 2  # and a blank row between charts
        if anchor_row + height_rows > page_end:  # no page break through a chart
            sheet.row_breaks.append(Break(id=anchor_row - 1))
            page_end = anchor_row - 1 + ROWS_PER_PAGE
        sheet.add_chart(chart, f"A{anchor_row}")
        anchor_row += height_rows
    for row in range(1, anchor_row + 1):
        sheet.row_dimensions[row].height = 15
    print_setup(sheet, None, landscape=False, heading=heading, scale=100)
    sheet.column_dimensions["A"].width = CHART_COLUMN
