"""Printing the report from inside the app: the same content as the Word export, laid out as a
QTextDocument on A4 with the letterhead's margins."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from ttdn_desktop.core.docformat import Letterhead, place_date_line, recipient_lines
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.richtext import parse_blocks
from ttdn_desktop.core.text import format_number
from ttdn_desktop.export.rows import stat_rows

FONT = "'Times New Roman', 'Liberation Serif', serif"


def _runs(block) -> str:
    out = []
    for run in block.runs:
        text = html.escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def report_html(consolidation: Consolidation, letterhead: Letterhead, attribute: bool,
                today: date | None = None) -> str:
    layout = letterhead.layout_rules
    issued = letterhead.issue_date(today)
    esc = html.escape
    left = "<br/>".join(esc(line) for line in letterhead.superior_body.split("\n")) + "<br/><b>" + \
        "<br/>".join(esc(line) for line in letterhead.issuing_body.split("\n")) + "</b>"
    left += "<br/>*" if layout.issuer_mark == "*" else "<br/>———"
    right = f"<b>{esc(layout.national_lines[0])}</b>"
    if len(layout.national_lines) > 1:
        right += f"<br/><b>{esc(layout.national_lines[1])}</b>"
    right += "<br/>———"
    parts = [
        f"<table width='100%'><tr><td align='center' width='45%'>{left}</td>"
        f"<td align='center'>{right}</td></tr>"
        f"<tr><td align='center'>{esc(letterhead.number_line)}</td><td align='center'><i>"
        f"{esc(place_date_line(letterhead.place, issued))}</i></td></tr></table>",
        f"<p align='center' style='margin-top:12pt'><b>BÁO CÁO</b><br/><b>"
        f"{esc(consolidation.form.report_title(consolidation.period))}</b></p>",
    ]
    for merged in consolidation.sections:
        blocks = []
        texts = [(None, merged.edited)] if merged.is_edited else merged.contributions
        for agency, text in texts:
            for n, block in enumerate(parse_blocks(text)):
                prefix = f"<b><i>{esc(agency.name)}:</i></b> " if attribute and agency and n == 0 \
                    else ""
                bullet = "- " if block.kind == "bullet" else ""
                blocks.append(f"<p style='text-indent:1cm; margin:0 0 6pt 0' align='justify'>"
                              f"{prefix}{bullet}{_runs(block)}</p>")
        if blocks or any(m.contributions or m.is_edited for m in consolidation.sections
                         if m.section.parent == merged.section.id):
            parts.append(f"<p style='text-indent:1cm; margin:6pt 0 6pt 0'><b>"
                         f"{esc(merged.section.numbered_heading)}</b></p>")
            parts.extend(blocks)
    recipients = "<br/>".join(esc(line) for line in recipient_lines(letterhead.recipient_lines))
    signer = "<br/>".join(f"<b>{esc(line)}</b>" for line in
                          (letterhead.signing_capacity + "\n" + letterhead.signer_title).split("\n")
                          if line.strip())
    parts.append(f"<table width='100%' style='margin-top:12pt'><tr><td width='45%' "
                 f"valign='top'><b><i>Nơi nhận:</i></b><br/><span style='font-size:10pt'>"
                 f"{recipients}</span></td><td align='center' valign='top'>{signer}<br/><br/>"
                 f"<br/><br/><b>{esc(letterhead.signer_name)}</b></td></tr></table>")
    rows = stat_rows(consolidation)
    if rows:
        parts.append("<p style='page-break-before:always' align='center'><b>Phụ lục</b></p>")
        cells = "".join(f"<th>{h}</th>" for h in ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này",
                                                   "Cùng kỳ năm trước", "So sánh (%)"))
        body = []
        for row in rows:
            if row.is_member and row.this is None and row.last is None:
                continue
            decimals = 2 if row.kind == "rate" else 0
            label = f"<i>{esc(row.label)}</i>" if row.is_member else f"<b>{esc(row.label)}</b>"
            body.append(f"<tr><td align='center'>{row.number}</td><td>{label}</td>"
                        f"<td align='center'>{esc(row.unit)}</td>"
                        f"<td align='right'>{format_number(row.this, decimals)}</td>"
                        f"<td align='right'>{format_number(row.last, decimals)}</td>"
                        f"<td align='right'>{format_number(row.compare, 2)}</td></tr>")
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                     f"<thead><tr>{cells}</tr></thead>{''.join(body)}</table>")
    return (f"<html><body style=\"font-family:{FONT}; font-size:13pt\">"
            + "".join(parts) + "</body></html>")


def report_document(consolidation: Consolidation, letterhead: Letterhead,
                    attribute: bool) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(report_html(consolidation, letterhead, attribute))
    return document


def a4_printer(letterhead: Letterhead) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    margins = [float(getattr(letterhead, f"margin_{side}") or default)
               for side, default in (("left", 30), ("top", 20), ("right", 15), ("bottom", 20))]
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait,
                                      QMarginsF(*margins), QPageLayout.Unit.Millimeter))
    return printer


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    document.print_(printer)
