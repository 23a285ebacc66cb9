"""Start the window: QApplication, Qt message routing, MainWindow, files from the command line."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
_qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext | None, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    _qt_log.log(_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_qt_message_handler)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named and styled for OCR Desktop."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        if existing is not None:  # a QCoreApplication/QGuiApplication cannot show widgets
            raise RuntimeError("a non-widget Qt application already exists in this process")
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setApplicationName("OCR Desktop")
        QCoreApplication.setOrganizationName("ocr-desktop")
        QCoreApplication.setOrganizationDomain("ocr-desktop.invalid")
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName("OCR Desktop")
    QCoreApplication.setOrganizationName("ocr-desktop")
    app.setApplicationDisplayName("OCR Desktop")
    QGuiApplication.setDesktopFileName("ocr-desktop")
    from ocr_desktop.gui.theme import apply_theme

    apply_theme(app)
    return app


def run_application(files: list[Path], log_path: str | None) -> int:
    """Create the application and the window, open ``files`` (recognising the first page)."""
    t0 = time.perf_counter()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    install_qt_message_handler()
    app = create_application()
    from ocr_desktop.gui.main_window import MainWindow

    window = MainWindow()
    window.log_path = log_path
    window.show()
    shown = time.perf_counter() - t0
    log.info("window shown %.0f ms after run_application", shown * 1000)
    if files:
        # after the first paint, so the window appears before any file work starts
        QTimer.singleShot(0, lambda: window.open_paths(list(files), recognise_first=True))
    window.offer_restore_later()
    if os.environ.get("OCR_DESKTOP_QUIT_AFTER_SHOWN"):  # benchmarks/bench_gui.py: time to first paint
        def _report_and_quit() -> None:
            print(f"OCR_DESKTOP_SHOWN_AT {time.time():.6f}", flush=True)
            window.confirm_close = False
            window.close()

        QTimer.singleShot(0, _report_and_quit)
    try:
        return int(app.exec())
    except Exception:  # pragma: no cover - the excepthook logs it too
        log.exception("the event loop stopped with an error")
        return 1
