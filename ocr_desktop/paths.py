"""Where things live: shipped resources (source tree or PyInstaller bundle) and user dirs.

``OCR_DESKTOP_DATA_DIR`` / ``OCR_DESKTOP_LOG_DIR`` override the per-user folders; tests set
them so they never touch a real profile.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from ocr_desktop.core.procenv import child_process_env as child_process_env  # re-exported for the GUI

APP_NAME = "ocr-desktop"


def resource_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def sample_image() -> Path:
    return resource_path("samples", "sample_with_typos.png")


def user_data_dir() -> Path:
    override = os.environ.get("OCR_DESKTOP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    override = os.environ.get("OCR_DESKTOP_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return user_log_dir() / "ocr-desktop.log"
