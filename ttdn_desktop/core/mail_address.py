"""An e-mail address as the user types it (a member's, the secretariat's, the level above's):
checked before it is stored, so a mail never goes to an address nobody saw."""

from __future__ import annotations

import re

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.text import clean_line, hidden_character, shown

# local@domain.tld, ASCII only: provincial servers do not offer SMTPUTF8, and an accented
# address typed by mistake («sở») would be refused by the server only after queuing
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def check_address(text: str, whose: str = "") -> str:
    """The address cleaned (the domain in lower case); "" stays "" (no address). TTDNError
    naming `whose` address and why, for anything else that is not one address."""
    hidden = hidden_character(text or "")
    label = f"Địa chỉ thư {whose}".rstrip()
    if hidden:
        raise TTDNError(f"{label} {hidden} («{shown(text, 60)}»): không nhận; hãy gõ lại.")
    text = clean_line(text or "").strip("<>")
    if not text:
        return ""
    local, _, domain = text.rpartition("@")
    if len(text) > 254 or not _ADDRESS.match(text) or ".." in text:
        raise TTDNError(f"{label} «{shown(text, 60)}» không đúng dạng: cần một địa chỉ như "
                        "vanthu@songoaivu.quangninh.gov.vn (chữ không dấu, một dấu @, không "
                        "có khoảng trắng).")
    return f"{local}@{domain.lower()}"
