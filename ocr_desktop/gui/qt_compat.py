"""Work-arounds for bugs in the Qt bindings, each with a detector so it only acts when needed.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every signal emitted from Python lowers ``True``'s reference count by one. On Python < 3.12
(where ``True`` is not immortal) a long session — or a test run — eventually deallocates
``True`` and the interpreter aborts ("bool_dealloc: deallocating True or False"). When the
bug is detected we give ``True`` and ``False`` a huge reference count, which is what Python
3.12+ does for them anyway (immortal objects).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_applied = False


def emit_leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal(int)

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit(1)
    return sys.getrefcount(True) < before - 4


def guard_bool_refcount() -> bool:
    """Apply the work-around if this PySide6 needs it; True when it was applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not emit_leaks_true():
        return False
    for obj in (True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        refcnt.value += 1 << 40
    _applied = True
    log.info("PySide6 signal emit() leaks references to True: made True/False effectively immortal")
    return True
