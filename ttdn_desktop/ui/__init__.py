"""The Qt app (PySide6). The only package that imports Qt; nothing imports it."""

import builtins

import PySide6.QtCore  # noqa: F401 (installs the import hook put back below)

# PySide6 replaces `__import__` with a hook for its opt-in `from __feature__ import
# snake_case`, which reads the source of every module imported after Qt (inspect.getsource)
# to see whether it names PySide6: 130 modules, 23 ms of every start. The app uses no
# __feature__, so the import PySide wrapped is put back (a later PySide without the hook:
# nothing to do).
if builtins.__import__ is getattr(builtins, "__feature_import__", None):
    builtins.__import__ = builtins.__orig_import__
