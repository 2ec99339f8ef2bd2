"""Office files and zips, for both directions: safe reading of untrusted zips, .docx and .xlsx
(safezip) and what every workbook we write shares (sheets). exchange/ (files coming in) and
export/ (files going out) both use this package and never import each other."""
