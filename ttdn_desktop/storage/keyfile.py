"""This installation's own signing key: one small file beside the database, never in a package.

It is made the first time it is needed (the app's first start, or the first package the command
line writes), copied into the backup folder with the database, and can be exported to move the
same identity to a new PC. An exported key leaves the PC (a USB stick), so it is sealed with a
passphrase (Argon2id, then XSalsa20-Poly1305: libsodium's pwhash and secretbox). Replacing the
key (restoring an exported one) keeps the old file beside it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from datetime import datetime
from pathlib import Path

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.signer import ALGORITHM, Signer
from ttdn_desktop.util.files import write_bytes_atomic
from ttdn_desktop.util.storage_errors import os_reason

FILE_NAME = "khoa-ky.ttdnkey"
PRIVATE = 0o600  # on Windows only the read-only bit exists; the user profile folder is private
FORMAT = "ttdn-signing-key"
_NOTE = ("Khóa ký riêng của TTĐN Desktop. Ai có tệp này có thể ký gói báo cáo thay đơn vị: "
         "không gửi tệp này qua thư, chỉ cất ở nơi an toàn.")


def key_path(db_path: Path) -> Path:
    return Path(db_path).parent / FILE_NAME


MIN_PASSPHRASE = 8
_KDF = nacl.pwhash.argon2id  # interactive limits: about half a second, 64 MB, on an office PC


class PassphraseNeeded(TTDNError):
    """The key file is sealed with a passphrase and none (or a wrong one) was given."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _box(passphrase: str, salt: bytes, ops: int, mem: int) -> nacl.secret.SecretBox:
    key = _KDF.kdf(nacl.secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                   opslimit=ops, memlimit=mem)
    return nacl.secret.SecretBox(key)


def _encode(signer: Signer, created_at: str, passphrase: str | None = None) -> bytes:
    record = {"format": FORMAT, "version": 1, "algorithm": ALGORITHM,
              "public_key": _b64(signer.public_key), "fingerprint": signer.fingerprint,
              "created_at": created_at, "note": _NOTE}
    if passphrase is None:
        record["seed"] = _b64(signer.seed)
    else:
        salt = nacl.utils.random(_KDF.SALTBYTES)
        ops, mem = _KDF.OPSLIMIT_INTERACTIVE, _KDF.MEMLIMIT_INTERACTIVE
        record["sealed_seed"] = {"kdf": "argon2id", "opslimit": ops, "memlimit": mem,
                                 "salt": _b64(salt),
                                 "box": _b64(_box(passphrase, salt, ops, mem).encrypt(
                                     signer.seed))}
    return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")


def is_sealed(data: bytes) -> bool:
    """Whether a key file needs a passphrase (False for anything unreadable: decode says why)."""
    try:
        return "sealed_seed" in json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, TypeError):
        return False


def decode(file_name: str, data: bytes, passphrase: str | None = None) -> tuple[Signer, str]:
    """The key in a key file (ours or an exported one) and when it was made. TTDNError naming
    the file if it is not one, or is damaged; PassphraseNeeded if it is sealed and `passphrase`
    is missing or wrong."""
    try:
        record = json.loads(data.decode("utf-8"))
        if not isinstance(record, dict) or record.get("format") != FORMAT:
            raise ValueError
        public = base64.b64decode(record["public_key"], validate=True)
        sealed = record.get("sealed_seed")
        if sealed is None:
            seed = base64.b64decode(record["seed"], validate=True)
        else:
            salt = base64.b64decode(sealed["salt"], validate=True)
            box = base64.b64decode(sealed["box"], validate=True)
            ops, mem = int(sealed["opslimit"]), int(sealed["memlimit"])
            if sealed.get("kdf") != "argon2id" or len(salt) != _KDF.SALTBYTES or \
                    not 1 <= ops <= 64 or not 8192 <= mem <= 1 << 30:
                raise ValueError
            if not passphrase:
                raise PassphraseNeeded(f"Tệp khóa «{file_name}» được khóa bằng mật khẩu: hãy "
                                       "nhập mật khẩu đã đặt khi xuất khóa.")
            try:
                seed = _box(passphrase, salt, ops, mem).decrypt(box)
            except nacl.exceptions.CryptoError:
                raise PassphraseNeeded(f"Mật khẩu không đúng cho tệp khóa «{file_name}» (hoặc "
                                       "tệp đã bị sửa).") from None
        if len(seed) != 32:
            raise ValueError
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        raise TTDNError(f"«{file_name}» không phải tệp khóa ký của TTĐN Desktop, hoặc đã bị "
                        "hỏng.") from None
    signer = Signer(seed)
    if signer.public_key != public:
        raise TTDNError(f"Tệp khóa «{file_name}» bị hỏng: khóa riêng không khớp khóa công khai.")
    return signer, str(record.get("created_at", ""))


def load(path: Path) -> tuple[Signer, str] | None:
    """The key in `path`, or None if there is none. TTDNError if it cannot be read or is
    damaged."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise TTDNError(f"Không đọc được tệp khóa ký «{path}» ({os_reason(error)}).") from None
    return decode(path.name, data)


def load_or_create(path: Path) -> tuple[Signer, str]:
    """The key in `path`, made now if there is none. Two processes starting at once end up with
    the same key: the file is linked into place only if still absent."""
    path = Path(path)
    found = load(path)
    if found is not None:
        return found
    created = datetime.now().isoformat(timespec="seconds")
    data = _encode(Signer.generate(), created)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _link_if_absent(temp, path)
    except OSError as error:
        raise TTDNError(f"Không tạo được tệp khóa ký «{path}» ({os_reason(error)}); hãy kiểm tra "
                        "quyền ghi và dung lượng ổ đĩa.") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return decode(path.name, path.read_bytes())


def _link_if_absent(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)  # fails if another process made one meanwhile: keep theirs
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links (FAT on a USB stick in portable mode)
        if not path.exists():
            os.replace(temp, path)


def export_key(path: Path, target: Path, passphrase: str) -> Path:
    """This installation's key, sealed with `passphrase`, for a new PC."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise TTDNError(f"Mật khẩu bảo vệ tệp khóa cần ít nhất {MIN_PASSPHRASE} ký tự: tệp này "
                        "đi ra khỏi máy (USB), ai có nó và mật khẩu sẽ ký được thay đơn vị.")
    signer, created = load_or_create(path)
    return write_bytes_atomic(target, _encode(signer, created, passphrase), PRIVATE)


def restore_key(path: Path, source_name: str, data: bytes,
                passphrase: str | None = None) -> tuple[Signer, Path | None]:
    """Make the exported key in `data` this installation's key. The key it replaces is kept
    beside it (returned), never deleted."""
    signer, created = decode(source_name, data, passphrase)
    path = Path(path)
    kept = None
    if path.exists():
        try:
            old, _ = decode(path.name, path.read_bytes())
        except TTDNError:
            old = None
        if old is not None and old.fingerprint == signer.fingerprint:
            return signer, None
        suffix = old.fingerprint[:16] if old else datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = write_bytes_atomic(path.with_name(f"khoa-ky-cu-{suffix}.ttdnkey"),
                                  path.read_bytes(), PRIVATE)
    write_bytes_atomic(path, _encode(signer, created), PRIVATE)
    return signer, kept


def backup_key(path: Path, folder: Path) -> Path | None:
    """A copy of the key in the backup folder, once per key (it never changes by itself)."""
    path = Path(path)
    if not path.exists():
        return None
    signer, created = decode(path.name, path.read_bytes())
    target = Path(folder) / f"khoa-ky-{signer.fingerprint[:16]}.ttdnkey"
    if not target.exists():
        write_bytes_atomic(target, _encode(signer, created), PRIVATE)
    return target
