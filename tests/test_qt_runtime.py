"""The Qt binding itself, as installed: a release whose signal dispatch corrupts reference
counts kills the app after a few hundred autosaves, so it is caught here, not by users."""

import os
import subprocess
import sys
import textwrap

SIGNALS = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    app = QCoreApplication([])
    class Source(QObject):
        plain = Signal()
        text = Signal(str)
    source = Source()
    source.plain.connect(lambda: True)       # a slot that returns a value
    source.text.connect(lambda value: None)  # a slot that takes a str
    for _ in range(2000):
        source.plain.emit()
        source.text.emit("Việt Nam")
    print("ok")
""")


def test_signal_dispatch_keeps_reference_counts():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SIGNALS], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
