"""What an incoming report revision does to what is already known (shared/domain §7).

Pure decisions, so every rule is testable without a database:

- same report, same content            -> SAME (nothing changes, said as "already there")
- same report, next revision in chain  -> NEWER (becomes current; the older stays in history)
- same report, older revision unseen   -> OLDER (kept in history; current unchanged)
- same revision, different content     -> CONFLICT (kept aside, never applied)
- a chain that does not follow         -> CONFLICT
- another report for the same slot     -> CONFLICT
- an agency not on the member list     -> UNKNOWN_AGENCY (kept until the agency is added)
- a signature that does not fit the key pinned for the sender -> SIGNATURE (kept for review;
  decided before these rules, by core/trust.py)
- anything else unseen                 -> NEW
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ttdn_desktop.core.periods import Period


class Outcome(StrEnum):
    """What an import did with a file. A str: stored (held_packages.reason), printed and
    compared as the words it always was ("new", "conflict" …)."""
    NEW = "new"
    NEWER = "newer"
    SAME = "same"
    OLDER = "older"
    CONFLICT = "conflict"
    UNKNOWN_AGENCY = "unknown_agency"
    REJECTED = "rejected"
    # held: unsigned, or signed by another key than the sender's pinned one
    SIGNATURE = "signature"
    # outcomes of an import that are not decisions about a revision
    SKIPPED = "skipped"   # an e-mail attachment that is neither a package nor a form
    REQUEST = "request"   # the secretariat's request: its dates (and form) were taken
    WORD = "word"         # a Word report: read and matched, waiting for the user's confirmation


# The members by their short names, as re's flags are (re.IGNORECASE is re.RegexFlag.IGNORECASE).
NEW, NEWER, SAME, OLDER = Outcome.NEW, Outcome.NEWER, Outcome.SAME, Outcome.OLDER
CONFLICT, UNKNOWN_AGENCY, REJECTED = Outcome.CONFLICT, Outcome.UNKNOWN_AGENCY, Outcome.REJECTED
SIGNATURE, SKIPPED, REQUEST, WORD = (Outcome.SIGNATURE, Outcome.SKIPPED, Outcome.REQUEST,
                                     Outcome.WORD)

# The categories every front end counts by; defined here only.
STORED = (NEW, NEWER, OLDER)          # the revision is stored
APPLIED = STORED + (REQUEST,)         # the database changed
HELD = (CONFLICT, UNKNOWN_AGENCY, SIGNATURE)  # kept aside for the secretariat to decide
NOT_DONE = HELD + (REJECTED, WORD)    # what the user still has to look at

LABELS = {
    NEW: "đã nhập",
    NEWER: "bản mới hơn",
    SAME: "đã có",
    OLDER: "bản cũ hơn, lưu vào lịch sử",
    CONFLICT: "xung đột",
    UNKNOWN_AGENCY: "đơn vị chưa có trong danh sách",
    REJECTED: "bị từ chối",
    SIGNATURE: "giữ lại: chữ ký cần xem xét",
    SKIPPED: "bỏ qua",
    REQUEST: "gói đề nghị báo cáo",
    WORD: "báo cáo: cần xác nhận",  # an ImportResult names the report's format before it
}


def tally(outcomes) -> dict[str, int]:
    """How many outcomes were applied, held, rejected, are Word reports still to confirm (not
    "unchanged": they change things once confirmed), and changed nothing."""
    outcomes = list(outcomes)
    counts = {"applied": sum(1 for o in outcomes if o in APPLIED),
              "held": sum(1 for o in outcomes if o in HELD),
              "rejected": sum(1 for o in outcomes if o == REJECTED),
              "word": sum(1 for o in outcomes if o == WORD)}
    counts["unchanged"] = len(outcomes) - sum(counts.values())
    return counts


@dataclass(frozen=True)
class Incoming:
    """A report arriving (a package or a file read), as the import rules see it."""
    report_id: str
    agency_code: str
    agency_name: str
    period: str
    form_id: str
    revision: int
    supersedes: int | None
    content_sha256: str


@dataclass
class Known:
    """What the database holds for the incoming report's id (revisions: number -> sha256)."""
    report_id: str
    current_revision: int
    revisions: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """What the import rules decided for an incoming report, and why."""
    outcome: Outcome
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.outcome]


def decide(incoming: Incoming, agency_known: bool, known: Known | None,
           slot_report_id: str | None) -> Decision:
    """`known`: the stored report with the incoming id, if any; `slot_report_id`: the id of the
    report already stored for the same agency, period and form, if any."""
    if not agency_known:
        return Decision(UNKNOWN_AGENCY, f"đơn vị «{incoming.agency_name}» (mã {incoming.agency_code}) "
                                        "chưa có trong danh sách thành viên; gói được giữ lại và "
                                        "sẽ nhập khi đơn vị được thêm")
    if known is None:
        if slot_report_id is not None and slot_report_id != incoming.report_id:
            return Decision(CONFLICT, f"đơn vị {incoming.agency_code} đã có một báo cáo khác cho "
                                      f"kỳ {Period.parse(incoming.period).phrase} (mã báo cáo khác nhau); gói được giữ "
                                      "lại để xem xét")
        return Decision(NEW, f"lần {incoming.revision}")
    stored = known.revisions.get(incoming.revision)
    if stored is not None:
        if stored == incoming.content_sha256:
            return Decision(SAME, f"lần {incoming.revision}, nội dung giống hệt")
        return Decision(CONFLICT, f"lần {incoming.revision} đã có nhưng nội dung khác; gói được "
                                  "giữ lại để xem xét")
    current = known.current_revision
    if incoming.revision < current:
        return Decision(OLDER, f"lần {incoming.revision}; bản hiện hành vẫn là lần {current}")
    if incoming.supersedes != current:
        replaced = "không thay bản nào" if incoming.supersedes is None \
            else f"thay cho lần {incoming.supersedes}"
        return Decision(CONFLICT, f"lần {incoming.revision} {replaced}, nhưng bản đang có là "
                                  f"lần {current}: chuỗi phiên bản không liền mạch; gói được "
                                  "giữ lại để xem xét")
    same = known.revisions.get(current) == incoming.content_sha256
    return Decision(NEWER, f"lần {incoming.revision} thay cho lần {current}"
                           + (", nội dung không đổi" if same else ""))
