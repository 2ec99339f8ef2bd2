#!/usr/bin/env python3
"""Write resources/mau-bao-cao.docx, the Word template the report is built on, from the code
in ttdn_desktop/export/template.py. Run it after changing that code."""

from ttdn_desktop.export.template import build_default_template, default_template_path
from ttdn_desktop.util.files import atomic_path

if __name__ == "__main__":
    path = default_template_path()
    with atomic_path(path) as temp:
        build_default_template().save(temp)
    print(f"Đã ghi {path}")
