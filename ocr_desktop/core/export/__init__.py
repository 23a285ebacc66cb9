"""Writing results: one function per format, a registry by name, atomic writes.

Exporters turn results into text; ``write_atomic`` puts that text on disk so that a crash or
a full disk never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocr_desktop.core.errors import ExportError
from ocr_desktop.core.models import EnhancedResult, OcrResult, result_to_json

Exporter = Callable[[OcrResult, "EnhancedResult | None"], str]


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and a rename. A symbolic
    link is written through (its target gets the text), not replaced by a file."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            # mkstemp makes the file private (0600); the result gets the mode a plain write would
            # give it: an existing file's own, or the default that the umask leaves
            os.chmod(tmp, _file_mode(target))
            with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"Could not write {target}: {exc.strerror or exc}", detail=repr(exc)) from exc


def _file_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # read the umask: it can only be read by setting it
        os.umask(mask)
        return 0o666 & ~mask


def export_txt(ocr: OcrResult, enhanced: EnhancedResult | None = None) -> str:
    text = enhanced.text if enhanced is not None else ocr.text
    return text if text.endswith("\n") or not text else text + "\n"


def export_raw_txt(ocr: OcrResult, enhanced: EnhancedResult | None = None) -> str:
    return export_txt(ocr, None)


def export_json(ocr: OcrResult, enhanced: EnhancedResult | None = None) -> str:
    return json_dumps(result_to_json(ocr, enhanced))


def json_dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


EXPORTERS: dict[str, Exporter] = {
    "txt": export_txt,
    "raw-txt": export_raw_txt,
    "json": export_json,
}

SUFFIXES: dict[str, str] = {"txt": ".txt", "raw-txt": ".txt", "json": ".json"}
