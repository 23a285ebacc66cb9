"""The pinned Qt bindings must not leak references to None/True (PySide6 6.12.0 on 3.11 did).

The window carries a guard for such builds (gui/qt_compat.py); this test makes sure the
version we pin does not need it, so the guard is a safety net and not what keeps us alive.
"""

from __future__ import annotations

import sys

import pytest

from ocr_desktop.gui.qt_compat import singleton_leaks


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True are immortal on 3.12+")
def test_pinned_pyside_keeps_singleton_refcounts(qapp: object) -> None:
    assert not singleton_leaks()
