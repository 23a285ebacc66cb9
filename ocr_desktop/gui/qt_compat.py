"""Work-arounds for bugs in the Qt bindings, each with a detector so it only acts when needed.

PySide6 6.12.0 on CPython 3.11: functions returning ``None`` (``QLabel.setText``,
``processEvents``, ...) and ``SignalInstance.emit()`` (which returns ``True``) hand back those
singletons without taking a reference. Every such call lowers the reference count of ``None``
or ``True`` by one; after enough calls (minutes of use, or a test run) the interpreter aborts
with "none_dealloc: deallocating None" or "bool_dealloc". The bindings appear to assume the
immortal singletons of Python 3.12+. When the leak is detected, we give ``None``, ``True`` and
``False`` a huge reference count, which is exactly what Python 3.12+ does for them.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_applied = False


def singleton_leaks() -> bool:
    """True when calls into PySide6 drop references to None or True."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal(int)

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit(1)
        probe.setObjectName("probe")
    leaked_none = sys.getrefcount(None) < none_before - 8
    leaked_true = sys.getrefcount(True) < true_before - 8
    return leaked_none or leaked_true


def guard_singleton_refcounts() -> bool:
    """Apply the work-around if this PySide6 needs it; True when it is in effect."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not singleton_leaks():
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        refcnt.value += 1 << 40
    _applied = True
    log.info("PySide6 drops references to None/True on this Python: made them effectively immortal")
    return True
