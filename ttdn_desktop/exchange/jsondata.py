"""JSON from a package (manifest.json, content.json, signature.json, members.json), parsed only
once its nesting is known to be shallow: the json module recurses once per bracket, so 100.000
nested brackets end in a RecursionError instead of a reason."""

from __future__ import annotations

import json
import re
from itertools import accumulate

from ttdn_desktop.core.errors import PackageError

# Our own parts nest 4 deep at most (manifest › upward › sources › one source); a hand-written
# part has room to spare.
MAX_DEPTH = 32
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1


def nesting_depth(data: bytes) -> int:
    """How deep the brackets of `data` nest, outside its strings: a scan, not a parse."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def load_json(file_name: str, data: bytes, member: str):
    """json.loads(data), after refusing a structure nested deeper than MAX_DEPTH; the other
    errors of json.loads (JSONDecodeError, UnicodeDecodeError) are the caller's to name."""
    scanned = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if nesting_depth(scanned) > MAX_DEPTH:
        raise PackageError(file_name, f"{member} có cấu trúc lồng quá sâu (quá {MAX_DEPTH} tầng "
                                      "ngoặc lồng nhau): tệp đã bị sửa hoặc không do TTĐN "
                                      "Desktop tạo ra, không nhận")
    return json.loads(data)
