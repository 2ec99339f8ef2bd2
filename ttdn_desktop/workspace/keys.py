"""Signing keys: this installation's own, the keys pinned for each sender, and the packages held
for their signature."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.core import trust
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.signer import is_demo_key
from ttdn_desktop.core.text import nfc
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import keyfile
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.keyfile import PassphraseNeeded  # for the front ends (restore)

__all__ = ["Keys", "PassphraseNeeded"]


class Keys:
    def __init__(self, ws):
        self._ws = ws

    # --- this installation's key -----------------------------------------------------------------
    @property
    def path(self) -> Path:
        return keyfile.key_path(self._ws.path)

    @property
    def signer(self):
        """This installation's signing key, made the first time it is needed. Read each time
        (a small file): a key restored through another connection is the one used."""
        signer, _ = keyfile.load_or_create(self.path)
        return signer

    def own(self) -> dict:
        signer = self.signer
        return {"fingerprint": signer.fingerprint, "short": signer.short,
                "path": str(self.path)}

    def export(self, target, passphrase: str) -> Path:
        """This installation's key, sealed with `passphrase`, to carry to a new PC."""
        return keyfile.export_key(self.path, Path(target), passphrase)

    @staticmethod
    def file_sealed(source) -> bool:
        """Whether an exported key file asks for a passphrase."""
        try:
            return keyfile.is_sealed(Path(source).read_bytes()[:64 * 1024])
        except OSError:
            return False  # restore says why the file cannot be read

    def restore(self, source, passphrase: str | None = None) -> tuple[dict, Path | None]:
        """Make an exported key this installation's (a new PC keeps the old identity). The key
        it replaces is kept beside it. Returns (own key, where the old one was kept);
        PassphraseNeeded (a TTDNError) if the file is sealed and the passphrase is
        missing or wrong."""
        from ttdn_desktop.exchange.source_files import read_file_bytes
        source = Path(source)
        try:
            data = read_file_bytes(source, 64 * 1024)
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}.") from None
        _signer, kept = keyfile.restore_key(self.path, nfc(source.name), data, passphrase)
        return self.own(), kept

    # --- the keys of the senders -------------------------------------------------------------
    def party_name(self, party: str) -> str:
        db = self._ws.db
        if party == trust.SECRETARIAT:
            pinned = key_store.active_key(db, party)
            issuer = pinned["name"] if pinned and pinned["name"] else ""
            return "Cơ quan gửi đề nghị báo cáo" + (f" ({issuer})" if issuer else "")
        row = agency_store.get_agency(db, party)
        if row is not None:
            return row["name"]
        pinned = key_store.list_keys(db, party, history=True)
        return pinned[-1]["name"] if pinned else party

    def pinned(self, history: bool = False) -> list[dict]:
        """Keys pinned for each sender (with `history`, also those replaced or revoked), each
        with its sender's name, its short fingerprint and whether it was confirmed."""
        rows = [dict(row, party_name=self.party_name(row["party"]))
                for row in key_store.list_keys(self._ws.db, history=history)]
        for row in rows:  # recorded by an older version: said, never trusted (verdict_for)
            if is_demo_key(row["fingerprint"], row["party"]):
                row["state_label"] = "khóa mẫu công khai, không dùng để xác minh"
        return rows

    @staticmethod
    def _party(party: str) -> str:
        if party.strip().lower() in (trust.SECRETARIAT, "thuong-truc"):
            return trust.SECRETARIAT
        return party.strip().upper()

    def confirm(self, party: str) -> dict:
        with self._ws.db.atomic():
            return key_store.confirm(self._ws.db, self._party(party))

    def revoke(self, party: str) -> dict:
        with self._ws.db.atomic():
            return key_store.revoke(self._ws.db, self._party(party))

    def signature_states(self, period: Period) -> dict[str, dict]:
        """The signature each agency's current revision of the period came with, by agency code:
        state (core.trust), label, and brief (a few words, saying whether the key has been
        confirmed by phone since); agencies with nothing received are absent."""
        db = self._ws.db
        states = {}
        for report in report_store.reports_in_period(db, period, self._ws.form.id):
            row = key_store.signature_of(db, report["id"], report["current_revision"])
            if row is None:
                continue
            state = trust.DEMO if is_demo_key(row["fingerprint"], report["agency_code"]) \
                else row["state"]
            brief = trust.brief(state)  # a demo key, even one an older version trusted
            pinned = key_store.active_key(db, report["agency_code"])
            if state in (trust.FIRST, trust.VERIFIED) and pinned is not None \
                    and pinned["fingerprint"] == row["fingerprint"]:
                # what the key is now, not when it came: confirmed by phone since, or not yet
                brief = ("✓ đã ký, khóa đã đối chiếu" if pinned["confirmed_at"]
                         else "đã ký, khóa chưa gọi điện đối chiếu")
            elif row["fingerprint"] and row["fingerprint"] in key_store.revoked_keys(
                    db, report["agency_code"]):
                brief = "✗ ký bằng khóa nay đã bị thu hồi"
            states[report["agency_code"]] = {"state": state, "label": row["label"],
                                             "brief": brief}
        return states

    def signed_replacement(self, agency_code: str, period: Period) -> str | None:
        """Why an unsigned report (Word, PDF, a sheet…) for this agency and period needs the
        user's word first: it would replace a current report that came signed, or that of an
        agency whose key is recorded. None when nothing signed would be replaced (a demo key
        signs nothing)."""
        db = self._ws.db
        existing = report_store.report_for(db, agency_code, period, self._ws.form.id)
        if existing is None:
            return None
        row = key_store.signature_of(db, existing["id"], existing["current_revision"])
        signed = row["fingerprint"] if row and row["state"] != trust.DEMO else None
        pinned = key_store.active_key(db, agency_code)
        pinned = pinned["fingerprint"] if pinned else None
        key = next((f for f in (signed, pinned) if f and not is_demo_key(f, agency_code)), None)
        if key is None:
            return None
        what = "có chữ ký" if key == signed else "là của đơn vị đã có khóa ký được ghi nhận"
        return (f"báo cáo hiện hành của {self._ws.agencies.get(agency_code)['name']} "
                f"({period.label}) {what} (khóa {trust.short_form(key)}), còn tệp này không có "
                "chữ ký: không gì chứng minh đơn vị đã gửi nó")

    # --- packages held for their signature -------------------------------------------------------
    def held(self, party: str | None = None) -> list[dict]:
        """Packages held for their signature, each with the fingerprint it was signed with
        ("" when unsigned) and its sender (an agency code, or trust.SECRETARIAT)."""
        from ttdn_desktop.exchange import held_release
        db = self._ws.db
        rows = held_release.held_for_signature(db, self._party(party) if party else None)
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
        from ttdn_desktop.exchange.sender_trust import party_label
        if signature is None:
            return []
        db = self._ws.db
        return [party_label(db, p)
                for p in key_store.parties_of(db, signature.fingerprint) if p != party]

    def accept(self, party: str, fingerprint: str | None = None) -> tuple[dict, list]:
        """Pin, as confirmed, the new key a held package of `party` was signed with (the old one
        stays as history), then apply the held packages that now fit. `fingerprint`: which key,
        when held packages carry more than one (hex or the short form). Returns (key, results)."""
        from ttdn_desktop.exchange import held_release, sender_trust
        ws, db = self._ws, self._ws.db
        party = self._party(party)
        wanted = "".join(ch for ch in (fingerprint or "") if ch.isalnum()).lower()
        candidates = {}
        for row in self.held(party):
            if row["fingerprint"] and (not wanted or row["fingerprint"].startswith(wanted)
                                       or row["short"].replace(" ", "") == wanted):
                candidates[row["fingerprint"]] = row
        if not candidates:
            raise TTDNError(f"Không có gói nào của «{self.party_name(party)}» đang được giữ lại "
                            "vì ký bằng một khóa khác" + (" khớp dấu vân tay đã cho" if wanted
                                                          else "") + ".")
        if len(candidates) > 1:
            shown = "; ".join(r["short"] for r in candidates.values())
            raise TTDNError(f"Các gói đang giữ lại của «{self.party_name(party)}» được ký bằng "
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
                f"nhận cho «{self.party_name(party)}». Chỉ nhận một khóa cho hai nơi khi đã gọi "
                "điện và cả hai xác nhận dùng chung một máy ký; khi đó hãy chỉ rõ khóa "
                f"(--fingerprint \"{row['short']}\").")
        with db.atomic():
            key = key_store.pin(db, party, signature.public_key, signature.fingerprint,
                                self.party_name(party) if party != trust.SECRETARIAT else "",
                                row["file_name"], confirmed=True)
            results = held_release.release_signature_holds(db, ws.forms, party,
                                                       ws.imports.target())
        return dict(key, shared_with=row["owners"]), results

    def accept_held(self, held_id: int):
        """Apply one package held for its signature as it is, after checking with its sender."""
        from ttdn_desktop.exchange.held_release import accept_held_package
        try:
            return accept_held_package(self._ws.db, self._ws.forms, held_id,
                                       self._ws.imports.target())
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}.") from None
