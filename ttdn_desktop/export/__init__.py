"""Outputs: the Word report and the Excel statistics workbook. Written atomically."""
