"""Signing keys: ours (exported, restored from an old machine) and those recorded for the
senders (confirmed by phone, revoked, a new one accepted, a held package taken as it is)."""

from __future__ import annotations

from ttdn_desktop.ui.operations import Op



def keys(history: bool) -> Op:
    """(our key, the senders' keys, the packages held for their signature)."""
    return Op(lambda ws: (ws.keys.own(), ws.keys.pinned(history=history),
                          ws.held.for_signature()))


def export_key(path: str, passphrase: str) -> Op:
    return Op(lambda ws: ws.keys.export(path, passphrase))


def key_file_sealed(path: str) -> Op:
    """Whether an exported key file asks for a passphrase (the file read in the worker)."""
    return Op(lambda ws: ws.keys.file_sealed(path))


def restore_key(path: str, passphrase: str | None) -> Op:
    """(our key now, where the old one was kept)."""
    return Op(lambda ws: ws.keys.restore(path, passphrase))


def confirm_key(party: str) -> Op:
    return Op(lambda ws: ws.keys.confirm(party))


def revoke_key(party: str) -> Op:
    return Op(lambda ws: ws.keys.revoke(party))


def accept_key(party: str, fingerprint: str) -> Op:
    """(the key, the held packages imported with it)."""
    return Op(lambda ws: ws.held.accept_key(party, fingerprint))


def accept_held(held_id) -> Op:
    return Op(lambda ws: ws.held.accept(held_id))
