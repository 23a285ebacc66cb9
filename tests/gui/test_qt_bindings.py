"""The pinned Qt bindings must not leak references to None/True (PySide6 6.12.0 on 3.11 did).

The window carries a guard for such builds (gui/qt_compat.py); this test makes sure the
version we pin does not need it, so the guard is a safety net and not what keeps us alive.
A leak loses one reference per call, so 5 000 calls stand far above the noise that other
threads add to these global counts.
"""

from __future__ import annotations

import sys

import pytest

CALLS = 5000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True are immortal on 3.12+")
def test_pinned_pyside_keeps_singleton_refcounts(qapp: object) -> None:
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    class Probe(QObject):
        ping = Signal(int)

    probe, label = Probe(), QLabel()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(CALLS):
        label.setText("x")  # returns None
        probe.ping.emit(i)  # returns True
    assert sys.getrefcount(None) - none_before > -CALLS // 5
    assert sys.getrefcount(True) - true_before > -CALLS // 5
