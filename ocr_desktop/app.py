"""GUI composition root: logging, display check, QApplication, main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def display_available() -> bool:
    """Without a display Qt aborts the process with a misleading xcb message; check first."""
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(files: Sequence[str | Path] = ()) -> int:
    if not display_available():
        print(
            "ocr-desktop: no display found, so the window cannot open. Run it from a desktop "
            "session, or use 'ocr-desktop recognize FILE' for the command line "
            "(set QT_QPA_PLATFORM=offscreen to force a window without a screen).",
            file=sys.stderr,
        )
        return 1
    from ocr_desktop.logging_setup import configure_app_logging

    log_path = configure_app_logging()
    from ocr_desktop.gui.application import run_application

    return run_application([Path(f) for f in files], log_path=log_path)
