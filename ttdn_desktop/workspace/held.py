"""Packages held for their signature (signed with a key other than the one pinned for their
sender, or not signed): listed, their key accepted, or one applied as it is after checking
with its sender. A door built on first use (ws.held), as the import it belongs to: it imports
exchange/held_release at its top, which the keys' door read at start (ws.keys) must not."""

from __future__ import annotations

from ttdn_desktop.core import trust
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.exchange import held_release, sender_trust
from ttdn_desktop.exchange.held_release import accept_held_package
from ttdn_desktop.exchange.sender_trust import party_label
from ttdn_desktop.storage import keys as key_store


class Held:
    def __init__(self, ws):
        self._ws = ws

    def for_signature(self, party: str | None = None) -> list[dict]:
        """Packages held for their signature, each with the fingerprint it was signed with
        ("" when unsigned) and its sender (an agency code, or trust.SECRETARIAT)."""
        keys, db = self._ws.keys, self._ws.db
        rows = held_release.held_for_signature(db, keys.party_key(party) if party else None)
        result = []
        for row in rows:
            signature = held_release.held_signature(db, row)
            party = trust.SECRETARIAT if not row["report_id"] else row["agency_code"]
            result.append(dict(row, fingerprint=signature.fingerprint if signature else "",
                               short=signature.short if signature else "", party=party,
                               owners=self._owners(signature, party)))
        return result

    def _owners(self, signature, party: str) -> list[str]:
        """The other senders (in words) a key is recorded for: one key for two is named."""
        if signature is None:
            return []
        db = self._ws.db
        return [party_label(db, p)
                for p in key_store.parties_of(db, signature.fingerprint) if p != party]

    def accept_key(self, party: str, fingerprint: str | None = None) -> tuple[dict, list]:
        """Pin, as confirmed, the new key a held package of `party` was signed with (the old one
        stays as history), then apply the held packages that now fit. `fingerprint`: which key,
        when held packages carry more than one (hex or the short form). Returns (key, results)."""
        ws, keys, db = self._ws, self._ws.keys, self._ws.db
        party = keys.party_key(party)
        wanted = "".join(ch for ch in (fingerprint or "") if ch.isalnum()).lower()
        candidates = {}
        for row in self.for_signature(party):
            if row["fingerprint"] and (not wanted or row["fingerprint"].startswith(wanted)
                                       or row["short"].replace(" ", "") == wanted):
                candidates[row["fingerprint"]] = row
        if not candidates:
            raise TTDNError(f"Không có gói nào của «{keys.party_name(party)}» đang được giữ lại "
                            "vì ký bằng một khóa khác" + (" khớp dấu vân tay đã cho" if wanted
                                                          else "") + ".")
        if len(candidates) > 1:
            shown = "; ".join(r["short"] for r in candidates.values())
            raise TTDNError(f"Các gói đang giữ lại của «{keys.party_name(party)}» được ký bằng "
                            f"nhiều khóa khác nhau ({shown}); hãy chỉ rõ khóa nào (--fingerprint).")
        row = next(iter(candidates.values()))
        signature = held_release.held_signature(db, row)
        named = wanted in (row["fingerprint"], row["short"].replace(" ", ""))
        stolen = [sender_trust.party_label(db, p)
                  for p in key_store.revoked_for(db, row["fingerprint"]) if p != party]
        if stolen:  # revoked as lost or stolen: whoever holds it now is no member
            raise TTDNError(f"Khóa {row['short']} đã bị thu hồi của {', '.join(stolen)} (máy "
                            "bị mất hoặc lộ khóa): không nhận cho đơn vị nào khác. Không nhận "
                            "gì.")
        if row["owners"] and not named:  # one key for two senders: only when named in full
            raise TTDNError(
                f"Khóa {row['short']} đã được ghi nhận cho {', '.join(row['owners'])}: chưa "
                f"nhận cho «{keys.party_name(party)}». Chỉ nhận một khóa cho hai nơi khi đã gọi "
                "điện và cả hai xác nhận dùng chung một máy ký; khi đó hãy chỉ rõ khóa "
                f"(--fingerprint \"{row['short']}\").")
        with db.atomic():
            key = key_store.pin(db, party, signature.public_key, signature.fingerprint,
                                keys.party_name(party) if party != trust.SECRETARIAT else "",
                                row["file_name"], confirmed=True)
            results = held_release.release_signature_holds(db, ws.forms, party,
                                                       ws.imports.target())
        return dict(key, shared_with=row["owners"]), results

    def accept(self, held_id: int):
        """Apply one package held for its signature as it is, after checking with its sender."""
        try:
            return accept_held_package(self._ws.db, self._ws.forms, held_id,
                                       self._ws.imports.target())
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}.") from None
