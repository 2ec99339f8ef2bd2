"""A package's signature weighed against the key pinned for its sender (core/trust.py), and the
sender named in words."""

from __future__ import annotations

from ttdn_desktop.core import trust
from ttdn_desktop.core.signer import is_demo_key
from ttdn_desktop.exchange.import_result import Target
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage.agencies import get_agency


HELD_NOTE = "; gói được giữ lại để xem xét"


REQUEST_SENDER = "cơ quan gửi đề nghị báo cáo"


def accepted_by_user(verdict: trust.Verdict) -> trust.Verdict:
    return trust.Verdict(verdict.state, verdict.label + " — người dùng đã nhận sau khi kiểm tra",
                         fingerprint=verdict.fingerprint)


def verdict_for(db, party: str, signature, source: str, target: Target,
                who: str = "đơn vị", kind: str = "") -> trust.Verdict:
    fingerprint = signature.fingerprint if signature else None
    pinned = key_store.active_key(db, party)
    pinned = pinned["fingerprint"] if pinned else None
    if is_demo_key(pinned, party):  # pinned by a version that trusted demo keys
        pinned = None
    revoked = key_store.revoked_for(db, fingerprint) if fingerprint else []
    others = tuple(party_label(db, p) + (" — khóa đã bị thu hồi" if p in revoked else "")
                   for p in key_store.parties_of(db, fingerprint)
                   if p != party) if fingerprint else ()
    return trust.judge(fingerprint, source, pinned, key_store.revoked_keys(db, party),
                       target.own_fingerprint, who, others,
                       demo=is_demo_key(fingerprint, party), kind=kind)


def party_label(db, party: str) -> str:
    """A sender in words: "Công an tỉnh (CAT)", or whoever sends us requests."""
    if party == trust.SECRETARIAT:
        return REQUEST_SENDER
    agency = get_agency(db, party)
    if agency is None:
        rows = key_store.list_keys(db, party, history=True)
        name = rows[-1]["name"] if rows and rows[-1]["name"] else ""
    else:
        name = agency["name"]
    return f"{name} ({party})" if name else party


def short_fingerprint(verdict: trust.Verdict | None) -> str:
    return trust.short_form(verdict.fingerprint) if verdict and verdict.fingerprint else ""
