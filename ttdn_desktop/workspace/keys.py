"""Signing keys: this installation's own and the keys pinned for each sender (the packages held
for their signature: ws.held)."""

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

    def back_up(self, folder: Path) -> Path | None:
        """A copy of the key beside the database's backups, once per key (Backups.make)."""
        return keyfile.backup_key(self.path, folder)

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
    def party_key(party: str) -> str:
        """The sender a party given by the user is: the secretariat, or an agency's code."""
        if party.strip().lower() in (trust.SECRETARIAT, "thuong-truc"):
            return trust.SECRETARIAT
        return party.strip().upper()

    def confirm(self, party: str) -> dict:
        with self._ws.db.atomic():
            return key_store.confirm(self._ws.db, self.party_key(party))

    def revoke(self, party: str) -> dict:
        with self._ws.db.atomic():
            return key_store.revoke(self._ws.db, self.party_key(party))

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
