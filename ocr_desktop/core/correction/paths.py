"""Where the corrector finds its shipped data and the per-user model.

``OCR_DESKTOP_DATA_DIR`` overrides the user data dir, so tests and portable installs never touch
the real one. (Temporary home until the application-wide ``ocr_desktop.paths`` exists.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ocr-desktop"
DATA_DIR_ENV = "OCR_DESKTOP_DATA_DIR"
USER_MODEL_FILE = "user_model.json"


def user_data_dir() -> Path:
    """The per-user data folder (not created here: only a write creates it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_user_model_path() -> Path:
    return user_data_dir() / USER_MODEL_FILE


def cache_dir() -> Path:
    """Where derived data that can be rebuilt any time is kept (under the data dir override if set)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME))


def resource_dir() -> Path:
    """``resources/correction`` in the source tree, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "correction"
    return Path(__file__).resolve().parents[3] / "resources" / "correction"
