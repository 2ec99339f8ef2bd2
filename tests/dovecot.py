"""A real Dovecot (Debian's dovecot-imapd) for the tests, on 127.0.0.1 at ports above 1024: its
own dovecot.conf in a temporary folder, users from a passwd-file, Maildir mailboxes, TLS with
a certificate from an authority made in the test (tests/mailcerts.py); IMAPS on one port and
STARTTLS on another, no login before TLS. Mail is written into the Maildir directly, as
delivered (new/), which is also how 10,000 messages are laid out in seconds."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from ttdn_desktop.exchange.imap_structure import imap_utf7

from .mailcerts import Authority, make_authority, server_certificate

PASSWORD = "mật-khẩu-thử"  # not ASCII: as a Vietnamese office's would be
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dovecot:
    def __init__(self, root: Path, authority: Authority | None = None, users=("btg",),
                 password: str = PASSWORD):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.authority = authority or make_authority(root / "ca")
        self.cert, self.key, self.der = server_certificate(self.authority, root / "tls")
        self.tls_port, self.starttls_port = free_port(), free_port()
        self.users = users
        self.password = password
        self._counter = 0
        self.process: subprocess.Popen | None = None
        self._write_config()

    def _write_config(self) -> None:
        root = self.root
        for name in ("run", "state", "home"):
            (root / name).mkdir(exist_ok=True)
        (root / "run").chmod(0o755)
        if os.geteuid() == 0:  # Dovecot never gives mail to uid 0: its own user reads it
            owner = pwd.getpwnam("dovecot")
            run_as = ""
        else:
            owner = pwd.getpwuid(os.getuid())
            run_as = (f"default_internal_user = {owner.pw_name}\n"
                      f"default_login_user = {owner.pw_name}\n"
                      f"default_internal_group = {owner.pw_name}\n")
        uid, gid = owner.pw_uid, owner.pw_gid
        lines = []
        for user in self.users:
            home = root / "home" / user
            for sub in ("cur", "new", "tmp"):
                (home / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
            # {PLAIN} with a UTF-8 password: Dovecot compares the bytes
            lines.append(f"{user}:{{PLAIN}}{self.password}:{uid}:{gid}::{home}::")
        (root / "passwd").write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._open_up(root / "home")
        (root / "dovecot.conf").write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{run_as}first_valid_uid = 1
ssl = required
ssl_cert = <{self.cert}
ssl_key = <{self.key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""", encoding="utf-8")

    @staticmethod
    def _open_up(folder: Path) -> None:
        """Dovecot's mail process runs as its own user and writes its index beside the mail."""
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)

    def start(self) -> "Dovecot":
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("dovecot stopped: " + self.process.stderr.read().decode()
                                   + self.log())
            try:
                socket.create_connection(("127.0.0.1", self.tls_port), timeout=1).close()
                socket.create_connection(("127.0.0.1", self.starttls_port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not listen: " + self.log())

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def kill(self) -> None:
        """The server gone at once, as a machine switched off: every process of it (its own
        session: the master, the login and mail processes it started)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    # --- mail, written as delivered -------------------------------------------------------
    def maildir(self, user: str = "btg", folder: str | None = None) -> Path:
        base = self.root / "home" / user / "Maildir"
        if folder:  # Maildir++: a folder is ".Name", in modified UTF-7
            base = base / ("." + imap_utf7(folder))
            for sub in ("cur", "new", "tmp"):
                (base / sub).mkdir(parents=True, exist_ok=True)
            self._open_up(base)
        return base

    def deliver(self, data: bytes, user: str = "btg", folder: str | None = None,
                when: float | None = None) -> Path:
        """One message into new/, as a delivery agent leaves it; `when` its arrival (the
        INTERNALDATE SINCE searches)."""
        self._counter += 1
        when = time.time() if when is None else when
        path = self.maildir(user, folder) / "new" / \
            f"{int(when)}.M{self._counter}P{os.getpid()}.test,S={len(data)}"
        path.write_bytes(data)
        path.chmod(0o666)
        os.utime(path, (when, when))
        return path

    def flags(self, user: str = "btg") -> list[str]:
        """The flags each message has on the server (from the Maildir file names)."""
        base = self.maildir(user)
        return sorted(p.name.rpartition(":2,")[2] if ":2," in p.name else "(new)"
                      for sub in ("cur", "new") for p in (base / sub).iterdir())

    def count(self, user: str = "btg") -> int:
        base = self.maildir(user)
        return sum(1 for sub in ("cur", "new") for _ in (base / sub).iterdir())


@contextlib.contextmanager
def running_dovecot(**kwargs):
    """A Dovecot started in a folder of its own under the system's temporary folder: pytest's
    own is private to the test's user, and Dovecot's processes run as Dovecot's user."""
    root = Path(tempfile.mkdtemp(prefix="ttdn-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root / "srv", **kwargs)
    try:
        yield server.start()
    finally:
        server.kill()
        shutil.rmtree(root, ignore_errors=True)
