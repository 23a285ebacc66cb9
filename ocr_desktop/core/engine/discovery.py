"""Finding the Tesseract executable and its language data.

Order: an explicit path, the ``TESSERACT_CMD`` environment variable, a Tesseract bundled
next to the app (PyInstaller build), the ``PATH``, then the usual install folders on
Windows and macOS. The bundled copy wins over the system's so the double-click app behaves
the same everywhere.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ocr_desktop.core.errors import TesseractNotFoundError

_EXE = "tesseract.exe" if sys.platform == "win32" else "tesseract"


@dataclass(frozen=True)
class TesseractInstall:
    cmd: str
    #: folder holding *.traineddata when it must be given explicitly (bundled copy), else None
    tessdata: str | None = None


def _bundle_root() -> Path | None:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return None


def bundled_tesseract() -> TesseractInstall | None:
    root = _bundle_root()
    if root is None:
        return None
    exe = root / "tesseract" / "bin" / _EXE
    tessdata = root / "tesseract" / "tessdata"
    if exe.is_file():
        return TesseractInstall(str(exe), str(tessdata) if tessdata.is_dir() else None)
    return None


def find_tesseract(explicit: str | None = None) -> TesseractInstall:
    """Return the Tesseract to use or raise TesseractNotFoundError with install advice."""
    if explicit:
        found = shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
        if not found:
            raise TesseractNotFoundError(detail=f"explicit path {explicit!r} not found")
        return TesseractInstall(found)
    env = os.environ.get("TESSERACT_CMD")
    if env:
        found = shutil.which(env) or (env if Path(env).is_file() else None)
        if found:
            return TesseractInstall(found, os.environ.get("TESSDATA_PREFIX") or None)
    bundled = bundled_tesseract()
    if bundled is not None:
        return bundled
    on_path = shutil.which("tesseract")
    if on_path:
        return TesseractInstall(on_path)
    for candidate in (
        r"C:\Program Files\Tesseract-OCR\tesseract.exe",
        r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
        "/opt/homebrew/bin/tesseract",
        "/usr/local/bin/tesseract",
    ):
        if Path(candidate).is_file():
            return TesseractInstall(candidate)
    raise TesseractNotFoundError(detail=f"searched TESSERACT_CMD, bundle, PATH={os.environ.get('PATH', '')}")
