"""Whether to trust who a package says it comes from: its signature against the key pinned for
the sender (an agency, or the secretariat for requests).

Pure decisions, like core/rules.py:

- signed by the pinned key                      -> VERIFIED
- signed, nothing pinned yet                    -> FIRST (the key is pinned now; its fingerprint
                                                   is confirmed by phone)
- signed by this installation's own key         -> OWN (made here, e.g. a package the
                                                   secretariat wrote for an agency; pins nothing)
- signed by a key recorded for another sender   -> OTHERS, held, naming whose key it is
  (one member posing as another that has not reported yet); the secretariat may accept one
  key for two members, by name, after a phone check
- signed by another key than the pinned one     -> MISMATCH, held
- signed by a key revoked for that sender       -> REVOKED, held
- unsigned, nothing pinned                      -> UNSIGNED (old packages, Excel forms, Word)
- unsigned although a key is pinned             -> UNSIGNED_PINNED, held
  (except a Word report, which the user confirms file by file in its own window)
- signed by a demo key (made from public text)  -> DEMO, a sample: imported, never pinned,
                                                   never verified; held like an unsigned
                                                   package where a real key is pinned

A FIRST key is pinned only with an import the user accepted: not from a package held (an
agency not on the member list, a conflict) nor one that changed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

VERIFIED = "verified"
FIRST = "first"
OWN = "own"
MISMATCH = "mismatch"
REVOKED = "revoked"
UNSIGNED = "unsigned"
UNSIGNED_PINNED = "unsigned_pinned"
INVALID = "invalid"  # a signature that does not hold: the file is refused
OTHERS = "others_key"  # signed by a key recorded for another sender
DEMO = "demo"  # signed by a demo key: anyone can compute it, it proves nothing

PACKAGE = "package"
EXCEL = "excel"
WORD = "word"

SECRETARIAT = "secretariat"  # the party whose key signs requests; agency codes are upper case

MISMATCH_REASON = "chữ ký không khớp với khóa đã ghi nhận của đơn vị"
_NO_SIGNATURE = {PACKAGE: "không có chữ ký", EXCEL: "không có chữ ký (mẫu Excel)",
                 WORD: "không có chữ ký (báo cáo đọc từ tệp)"}


# A few words for a table cell; the fingerprint follows where there is one.
BRIEF = {VERIFIED: "✓ đúng khóa đã ghi nhận", OWN: "✓ khóa của máy này",
         FIRST: "khóa mới, cần gọi điện đối chiếu", MISMATCH: "✗ khác khóa đã ghi nhận",
         REVOKED: "✗ khóa đã bị thu hồi", UNSIGNED: "không có chữ ký",
         UNSIGNED_PINNED: "✗ không có chữ ký (đơn vị đã có khóa)",
         INVALID: "✗ chữ ký không hợp lệ", OTHERS: "✗ khóa của đơn vị khác",
         DEMO: "gói mẫu (khóa mẫu công khai, không xác minh được)"}
WARNING = (MISMATCH, REVOKED, UNSIGNED_PINNED, INVALID, OTHERS)
DEMO_LABEL = "gói mẫu: ký bằng khóa mẫu ai cũng tính ra được, không chứng minh được nơi gửi"


def brief(state: str, short: str = "") -> str:
    """What a table cell says of a file's signature."""
    text = BRIEF.get(state, "")
    return f"{text}: {short}" if text and short else text


def short_form(fingerprint: str) -> str:
    """A fingerprint read out on the phone: 24 digits in six groups of four (80 bits of the
    SHA-256). Digits, because they are read out in Vietnamese without doubt, where letters
    such as F, J, W, Z have no name everyone agrees on."""
    digits = f"{int(fingerprint[:20], 16) % 10 ** 24:024d}"
    return " ".join(digits[i:i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class Verdict:
    state: str
    label: str            # the signature state of the file, as shown in the preview
    hold: bool = False
    pin: bool = False
    fingerprint: str | None = None


def judge(fingerprint: str | None, source: str, pinned: str | None, revoked: set[str],
          own: str | None, who: str = "đơn vị", others: tuple[str, ...] = (),
          demo: bool = False, kind: str = "") -> Verdict:
    """`fingerprint`: of the key that signed (None: unsigned); `pinned`: the sender's active
    pinned key (never a demo key); `revoked`: keys once pinned for it and revoked; `own`: this
    installation's; `others`: the other senders (in words) the signing key is recorded for;
    `demo`: the signing key is a demo key; `kind`: what a WORD source was read from, in words
    («báo cáo PDF», «bảng tính Excel của đơn vị»), said in the label kept with the revision."""
    if fingerprint is None:
        label = f"không có chữ ký ({kind})" if kind and source == WORD else _NO_SIGNATURE[source]
        if pinned is not None and source != WORD:
            return Verdict(UNSIGNED_PINNED, f"{label}, trong khi {who} đã có khóa ký được ghi "
                                            f"nhận ({short_form(pinned)})",
                           hold=True)
        return Verdict(UNSIGNED, label)
    short = short_form(fingerprint)
    if fingerprint == pinned:
        return Verdict(VERIFIED, f"đã ký, đúng khóa đã ghi nhận ({short})",
                       fingerprint=fingerprint)
    if fingerprint == own:
        return Verdict(OWN, f"đã ký bằng khóa của chính máy này ({short})",
                       fingerprint=fingerprint)
    if demo:
        if pinned is not None:
            return Verdict(DEMO, f"{DEMO_LABEL} ({short}), trong khi {who} đã có khóa ký được "
                                 f"ghi nhận ({short_form(pinned)})", hold=True,
                           fingerprint=fingerprint)
        return Verdict(DEMO, f"{DEMO_LABEL} ({short}); khóa không được ghi nhận",
                       fingerprint=fingerprint)
    if fingerprint in revoked:
        return Verdict(REVOKED, f"ký bằng khóa đã bị thu hồi ({short})",
                       hold=True, fingerprint=fingerprint)
    if others:
        return Verdict(OTHERS, f"ký bằng khóa {short} đã ghi nhận cho {', '.join(others)}, "
                               f"không phải khóa của {who} này; nếu đúng là hai nơi dùng chung "
                               "một khóa, hãy gọi điện kiểm tra rồi nhận khóa này cho cả hai",
                       hold=True, fingerprint=fingerprint)
    if pinned is not None:
        who_reason = MISMATCH_REASON.replace("đơn vị", who)
        return Verdict(MISMATCH, f"{who_reason} (khóa trong gói {short}, khóa đã ghi nhận "
                                 f"{short_form(pinned)})",
                       hold=True, fingerprint=fingerprint)
    return Verdict(FIRST, f"đã ký, khóa mới được ghi nhận: {short} — hãy gọi điện cho {who} "
                          "để đối chiếu dãy số này", pin=True, fingerprint=fingerprint)


def not_pinned(verdict: Verdict) -> Verdict:
    """A first key whose package was not imported (held, or nothing changed): it is not
    recorded, and the label says so."""
    short = short_form(verdict.fingerprint)
    return Verdict(FIRST, f"đã ký bằng khóa mới ({short}), chưa ghi nhận: khóa chỉ được ghi "
                          "nhận khi gói được nhập", fingerprint=verdict.fingerprint)
