"""The statistics workbook that goes with the report.

- "Tổng hợp": one row per indicator and breakdown member. "Kỳ này" is a live formula over the
  per-agency sheet, so correcting one agency's cell moves the total; rates are recomputed from
  their counts (or averaged), never summed; "So sánh (%)" stays blank when last year is 0 or
  missing.
- "Theo đơn vị": agencies in member order as rows, indicators as columns (breakdown members as
  sub-columns), a total row of formulas.
- "Biểu đồ": native Excel charts of the indicators the form marks with `chart`.
- "Chi tiết cấp dưới" (at an upper level only): each committee's total row, then its own
  members' figures as its package carried them.
"""

from __future__ import annotations

import os

from openpyxl import Workbook
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
from ttdn_desktop.office.sheets import (BODY_FONT, BOX, CENTER, COUNT_FORMAT, FONT,
                                        HEADER_FONT, RATE_FORMAT, WRAP_TOP, column,
                                        formula, print_setup, put, quote_sheet, row_height,
                                        set_properties)
from ttdn_desktop.util.files import save_atomic

SUMMARY = "Tổng hợp"
BY_AGENCY = "Theo đơn vị"
CHARTS = "Biểu đồ"
BY_MEMBER = "Chi tiết cấp dưới"
HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "So sánh (%)",
           "Ghi chú")
FIRST_AGENCY_ROW = 3
AGENCY_NAME_WIDTH = 26
AGENCY_NUMBER_WIDTH = 10  # 9.999.999 in 11-point Times New Roman
# At 65 % an A4 landscape page holds the agency columns and 11 figure columns of that width
# (measured in LibreOffice, whose column unit is the widest of the office suites).
AGENCY_COLUMNS_PER_PAGE = 11
AGENCY_PRINT_SCALE = 65
CHART_FONT_PT = 10
CHART_WIDTH_CM = 17.5   # the text width of A4 portrait at 100 %
ROW_CM = 15 / 72 * 2.54  # every row of the chart sheet is 15 points high
ROWS_PER_PAGE = 44       # A4 portrait at 100 %, margins and header/footer taken off
LABEL_WIDTH = 58
SUMMARY_HEADER_ROW = 4


def write_stats_xlsx(consolidation: Consolidation, out: str | os.PathLike,
                     cutoff: tuple | None = None) -> None:
    """`cutoff`: (data from, data to) dates, shown under the title."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY
    agencies = workbook.create_sheet(BY_AGENCY)
    heading = f"{consolidation.form.name} — {consolidation.period.label}"
    if cutoff:
        heading += f" (số liệu từ {format_date(cutoff[0])} đến {format_date(cutoff[1])})"
    columns, last_row = _agency_sheet(agencies, consolidation, heading)
    rows = _summary_sheet(summary, consolidation, columns, last_row, cutoff, heading)
    _charts(workbook.create_sheet(CHARTS), consolidation, columns, last_row, rows, heading)
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


def page_blocks(form, per_page: int, first: int) -> list[int]:
    """The last column of each printed page of the per-agency sheet: indicators in form order,
    as many as fit in `per_page` columns, an indicator's columns never split across pages."""
    ends, used, col = [], 0, first
    for indicator in form.indicators:
        width = len(indicator.keys)
        if used and used + width > per_page:
            ends.append(col - 1)
            used = 0
        used += width
        col += width
    ends.append(col - 1)
    return ends


def _number_format(kind: str) -> str:
    return RATE_FORMAT if kind == "rate" else COUNT_FORMAT


def _agency_sheet(sheet, consolidation: Consolidation, heading: str):
    """Returns ({figure key: column index}, last agency row)."""
    form = consolidation.form
    columns, index = _indicator_headers(sheet, form)
    row = FIRST_AGENCY_ROW
    for number, status in enumerate(consolidation.statuses, start=1):
        put(sheet, row, 1, number, alignment=CENTER, border=BOX)
        put(sheet, row, 2, status.agency.code, border=BOX)
        put(sheet, row, 3, status.agency.name, border=BOX)
        for key, col in columns.items():
            indicator = form.indicator(key[0])
            value = consolidation.per_agency.get(key, {}).get(status.agency.code)
            put(sheet, row, col, value, number_format=_number_format(indicator.kind), border=BOX)
        row += 1
    last_row = max(row - 1, FIRST_AGENCY_ROW)
    total_row = last_row + 1
    put(sheet, total_row, 3, "Tổng cộng", font=HEADER_FONT, border=BOX)
    put(sheet, total_row, 1, None, border=BOX)
    put(sheet, total_row, 2, None, border=BOX)
    for key, col in columns.items():
        indicator = form.indicator(key[0])
        letter = column(col)
        expression = total_formula(
            indicator, f"{letter}{FIRST_AGENCY_ROW}:{letter}{last_row}",
            lambda part: f"{column(columns[(part, TOTAL)])}{total_row}")
        formula(sheet, total_row, col, expression, font=HEADER_FONT,
                number_format=_number_format(indicator.kind), border=BOX)
    for col in range(4, index):
        sheet.column_dimensions[column(col)].width = AGENCY_NUMBER_WIDTH
    sheet.column_dimensions["A"].width = 4
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = AGENCY_NAME_WIDTH
    for row in range(FIRST_AGENCY_ROW, total_row + 1):
        name = sheet.cell(row, 3).value or ""
        sheet.row_dimensions[row].height = row_height(name, AGENCY_NAME_WIDTH)
    sheet.row_dimensions[1].height = 75
    sheet.row_dimensions[2].height = 30
    sheet.freeze_panes = f"D{FIRST_AGENCY_ROW}"
    # Forty indicator columns cannot be read squeezed onto one page: each printed page holds
    # whole indicators (a breakdown is never split), one page wide, with the agencies and the
    # header rows repeated, the title and period above and the page number below.
    for end in page_blocks(form, AGENCY_COLUMNS_PER_PAGE, first=4)[:-1]:
        sheet.col_breaks.append(Break(id=end))
    print_setup(sheet, "1:2", heading=f"Số liệu theo đơn vị — {heading}",
                scale=AGENCY_PRINT_SCALE)
    sheet.print_title_cols = "A:C"
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
        label = f"{indicator.label} ({indicator.unit})"
        put(sheet, 1, index, label, font=HEADER_FONT, alignment=CENTER, border=BOX)
        for offset, key in enumerate(keys):
            columns[key] = index + offset
            if offset:
                put(sheet, 1, index + offset, None, border=BOX)
            member = indicator.breakdown.member(key[1]) if key[1] else None
            put(sheet, 2, index + offset, member.label if member else "Tổng số",
                font=HEADER_FONT, alignment=CENTER, border=BOX)
        if len(keys) > 1:
            sheet.merge_cells(start_row=1, start_column=index, end_row=1,
                              end_column=index + len(keys) - 1)
        else:
            sheet.merge_cells(start_row=1, start_column=index, end_row=2, end_column=index)
        index += len(keys)
    return columns, index


def _members_sheet(sheet, consolidation: Consolidation, heading: str) -> None:
    """Each committee reporting here, its total row, then its own members as its package
    carried them: the drill-down, on paper."""
    form = consolidation.form
    columns, index = _indicator_headers(sheet, form)
    row = FIRST_AGENCY_ROW
    for status in consolidation.statuses:
        members = consolidation.sub_members.get(status.agency.code)
        if not members:
            continue
        put(sheet, row, 1, None, border=BOX)
        put(sheet, row, 2, status.agency.code, font=HEADER_FONT, border=BOX)
        put(sheet, row, 3, status.agency.name, font=HEADER_FONT, border=BOX)
        for key, col in columns.items():
            put(sheet, row, col, consolidation.per_agency.get(key, {}).get(status.agency.code),
                font=HEADER_FONT, number_format=_number_format(form.indicator(key[0]).kind),
                border=BOX)
        row += 1
        # thousands of rows: only the cells with a value, unboxed (a styled cell costs far more
        # than a plain one in openpyxl); the committee rows keep their boxes
        formats = {key: _number_format(form.indicator(key[0]).kind) for key in columns}
        for number, member in enumerate(members, start=1):
            put(sheet, row, 1, number, alignment=CENTER)
            put(sheet, row, 2, member.code)
            put(sheet, row, 3, member.name)
            for key, value in member.figures.items():
                if key in columns:
                    put(sheet, row, columns[key], value, number_format=formats[key])
            row += 1
    for col in range(4, index):
        sheet.column_dimensions[column(col)].width = AGENCY_NUMBER_WIDTH
    sheet.column_dimensions["A"].width = 4
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = AGENCY_NAME_WIDTH
    sheet.row_dimensions[1].height = 75
    sheet.row_dimensions[2].height = 30
    sheet.freeze_panes = f"D{FIRST_AGENCY_ROW}"
    for end in page_blocks(form, AGENCY_COLUMNS_PER_PAGE, first=4)[:-1]:
        sheet.col_breaks.append(Break(id=end))
    print_setup(sheet, "1:2", heading=f"Chi tiết cấp dưới — {heading}",
                scale=AGENCY_PRINT_SCALE)
    sheet.print_title_cols = "A:C"


def _summary_sheet(sheet, consolidation: Consolidation, columns, last_row, cutoff, heading):
    """Returns {figure key: row}."""
    title = consolidation.form.report_title(consolidation.period)
    put(sheet, 1, 1, "BIỂU TỔNG HỢP SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
        font=Font(name=FONT, size=14, bold=True), alignment=Alignment(horizontal="center"))
    sheet.merge_cells("A1:G1")
    period_line = consolidation.period.label
    if cutoff:
        period_line += f" (số liệu từ {format_date(cutoff[0])} đến {format_date(cutoff[1])})"
    put(sheet, 2, 1, period_line, font=Font(name=FONT, size=12, italic=True),
        alignment=Alignment(horizontal="center"))
    sheet.merge_cells("A2:G2")
    put(sheet, 3, 1, title, font=Font(name=FONT, size=11, italic=True),
        alignment=Alignment(horizontal="center", wrap_text=True))
    sheet.merge_cells("A3:G3")
    sheet.row_dimensions[3].height = 30
    for index, text in enumerate(HEADERS, start=1):
        put(sheet, SUMMARY_HEADER_ROW, index, text, font=HEADER_FONT, alignment=CENTER,
            border=BOX)

    rows = stat_rows(consolidation)
    row_of = {row.key: SUMMARY_HEADER_ROW + 1 + n for n, row in enumerate(rows)}
    source = quote_sheet(BY_AGENCY)
    for row in rows:
        r = row_of[row.key]
        indicator = consolidation.form.indicator(row.key[0])
        member_font = BODY_FONT if not row.is_member else Font(name=FONT, size=11, italic=True)
        label_font = HEADER_FONT if not row.is_member else member_font
        put(sheet, r, 1, row.number, alignment=CENTER, border=BOX)
        put(sheet, r, 2, row.label, font=label_font, alignment=WRAP_TOP, border=BOX)
        put(sheet, r, 3, row.unit, font=member_font, alignment=CENTER, border=BOX)
        letter = column(columns[row.key])
        expression = total_formula(
            indicator, f"{source}!{letter}{FIRST_AGENCY_ROW}:{letter}{last_row}",
            lambda part: f"D{row_of[(part, TOTAL)]}")
        number_format = _number_format(row.kind)
        formula(sheet, r, 4, expression, font=member_font, number_format=number_format,
                border=BOX)
        put(sheet, r, 5, row.last, font=member_font, number_format=number_format, border=BOX)
        formula(sheet, r, 6, f'IF(OR(E{r}="",E{r}=0,D{r}=""),"",ROUND(D{r}/E{r}*100,2))',
                font=member_font, number_format=RATE_FORMAT, border=BOX)
        put(sheet, r, 7, row.note, font=member_font, alignment=WRAP_TOP, border=BOX)
        sheet.row_dimensions[r].height = row_height(row.label, LABEL_WIDTH)
    sheet.row_dimensions[SUMMARY_HEADER_ROW].height = 30
    widths = {"A": 6, "B": LABEL_WIDTH, "C": 13, "D": 13, "E": 13, "F": 12, "G": 20}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{SUMMARY_HEADER_ROW + 1}"
    print_setup(sheet, f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}",
                heading=f"Biểu tổng hợp — {heading}", first_page_heading=False)
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


def _charts(sheet, consolidation: Consolidation, columns, last_row, rows, heading) -> None:
    put(sheet, 1, 1, "Biểu đồ số liệu " + consolidation.period.phrase,
        font=Font(name=FONT, size=14, bold=True))
    anchor_row = 3
    summary = None
    page_end = ROWS_PER_PAGE
    for indicator in consolidation.form.indicators:
        if not indicator.chart:
            continue
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
    sheet.column_dimensions["A"].width = 12
