"""The only place that configures logging (library modules only create loggers)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from types import TracebackType

from ocr_desktop.paths import log_file

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_cli_logging(verbose: bool = False) -> None:
    """CLI: warnings (or everything with -v) to stderr; no file."""
    root = logging.getLogger()
    if getattr(root, "_ocr_desktop_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    root._ocr_desktop_configured = True  # type: ignore[attr-defined]


def configure_app_logging(verbose: bool = False) -> str | None:
    """Window: a rotating log file in the user log dir, plus stderr. Returns the file path."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    path = log_file()
    written: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        fh.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(fh)
        written = str(path)
    except OSError as exc:  # read-only home: keep running, log to stderr only
        print(f"ocr-desktop: cannot write log file {path}: {exc}", file=sys.stderr)
    if not any(isinstance(h, logging.StreamHandler) and h.stream is sys.stderr for h in root.handlers):
        sh = logging.StreamHandler(sys.stderr)
        sh.setLevel(logging.WARNING)
        sh.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(sh)
    sys.excepthook = _log_uncaught
    return written


def _log_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logging.getLogger("ocr_desktop").critical("uncaught exception", exc_info=(exc_type, exc, tb))
    sys.__excepthook__(exc_type, exc, tb)
