"""The window (PySide6). Nothing in ``ocr_desktop.core`` imports this package."""

from ocr_desktop.gui.qt_compat import guard_singleton_refcounts

guard_singleton_refcounts()
