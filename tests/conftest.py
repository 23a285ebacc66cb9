"""Shared test set-up: no test touches the real user profile, Qt runs offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SAMPLE = REPO / "resources" / "samples" / "sample_with_typos.png"
SAMPLE_TEXT = "Th1s 1s 4  s@mple w1th typ0s."
HAVE_TESSERACT = shutil.which("tesseract") is not None


@pytest.fixture(autouse=True, scope="session")
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Point the per-user data and log dirs at temporary folders for the whole run."""
    base = tmp_path_factory.mktemp("userdirs")
    os.environ["OCR_DESKTOP_DATA_DIR"] = str(base / "data")
    os.environ["OCR_DESKTOP_LOG_DIR"] = str(base / "log")
    os.environ["XDG_CONFIG_HOME"] = str(base / "config")  # QSettings on Linux


@pytest.fixture
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA} (it sits beside the repository on developer machines)")
    return DATA


requires_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="tesseract is not installed")
