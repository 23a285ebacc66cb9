"""Handing things to the desktop (a file manager, a text editor) without leaking our environment.

Inside the PyInstaller bundle the bootloader points Qt (``QT_PLUGIN_PATH``...) and the dynamic
loader (``LD_LIBRARY_PATH``) at the bundle. ``QDesktopServices.openUrl`` starts ``xdg-open`` (and
through it a file manager or editor) with our process environment, so a Qt program of the
system would load our Qt plugins and may crash. ``ocr_desktop.paths.child_process_env()`` knows
the environment a child should get; ``child_environment()`` puts it in place for the duration
of one call and restores ours exactly afterwards (outside a bundle the two are the same and
nothing changes).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)


@contextmanager
def child_environment() -> Iterator[dict[str, str]]:
    """``os.environ`` is the child environment inside the block, ours again after it."""
    from ocr_desktop.paths import child_process_env

    saved = dict(os.environ)
    wanted = child_process_env(saved)
    if wanted == saved:
        yield wanted
        return
    try:
        for key in saved.keys() - wanted.keys():
            del os.environ[key]
        for key, value in wanted.items():
            if saved.get(key) != value:
                os.environ[key] = value
        yield wanted
    finally:
        for key in os.environ.keys() - saved.keys():
            del os.environ[key]
        for key, value in saved.items():
            if os.environ.get(key) != value:
                os.environ[key] = value


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the desktop's handler, in the environment meant for child programs."""
    with child_environment():
        ok = QDesktopServices.openUrl(url)
    if not ok:
        log.warning("the desktop could not open %s", url.toString())
    return bool(ok)
