"""The Qt binding itself, as installed: counted, not waited for.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None on every Python-side call
of a void C++ method, and to True on every emit() of a signal; nothing shows until the count
of None reaches zero, and then the interpreter aborts (in the app: after about 220 keystrokes
with autosave). So this test counts the references of None and True around many such calls
and emits: a binding that loses one reference per call loses thousands here, a sound one
loses none. On CPython 3.12 and later None and True are immortal (PEP 683): their counts
never change, the bug cannot bite, and the check passes trivially.
"""

import gc
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

# Few enough that a leaking binding does not reach zero (and abort) before it is counted:
# None and True each have thousands of references in a running test session.
CALLS = 200
SLACK = 40  # unrelated objects come and go during the loop; a leak is one per call or more


def _counts() -> tuple[int, int]:
    return sys.getrefcount(None), sys.getrefcount(True)


def test_void_calls_and_emits_keep_the_references_of_none_and_true(qapp):
    class Source(QObject):
        plain = Signal()
        flag = Signal(bool)
        text = Signal(str)

    source, timer, label = Source(), QTimer(), QLabel()
    got = []
    source.plain.connect(lambda: True)              # a slot that returns a value
    source.flag.connect(lambda value: None)
    source.text.connect(lambda value: got.append(len(value)) or None)

    def work(calls):
        for _ in range(calls):
            timer.stop()                  # void methods called from Python
            label.setText("Việt Nam")
            source.setObjectName("nguon")
            source.plain.emit()           # emits, with no argument, a bool, a str
            source.flag.emit(True)
            source.text.emit("Đối ngoại")

    work(3)  # warm up: caches, interned strings
    gc.collect()
    gc.disable()
    try:
        before = _counts()
        work(CALLS)
        after = _counts()
    finally:
        gc.enable()
    assert len(got) == CALLS + 3
    lost_none, lost_true = before[0] - after[0], before[1] - after[1]
    assert abs(lost_none) < SLACK and abs(lost_true) < SLACK, \
        (f"over {CALLS} rounds of 3 void calls and 3 emits, None lost {lost_none} references "
         f"and True lost {lost_true}: this Qt binding corrupts reference counts")
