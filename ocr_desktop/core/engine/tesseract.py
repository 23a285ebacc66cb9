"""The Tesseract backend: every call to the ``tesseract`` executable goes through here.

Why not ``pytesseract.image_to_data``: it blocks in ``communicate()`` and cannot be
cancelled from another thread, and it re-encodes the image as PNG on every call. We start
the process ourselves, feed it an uncompressed PNM file (no encode cost, Leptonica reads it
fast), poll with a short interval so a cancel kills the child at once, and always apply a
timeout. Tesseract's failures become our typed errors; nothing raw escapes.
"""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.engine.discovery import TesseractInstall, find_tesseract
from ocr_desktop.core.engine.tsv import parse_tsv
from ocr_desktop.core.errors import (
    CancelledError,
    LanguageNotAvailableError,
    TesseractFailedError,
    TesseractNotFoundError,
    TesseractTimeoutError,
    UsageError,
)
from ocr_desktop.core.models import PageResult
from ocr_desktop.core.procenv import child_process_env

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 180.0  # a dense 600-dpi page takes ~20 s here; anything longer is stuck
QUICK_TIMEOUT_S = 20.0  # --version, --list-langs
_POLL_S = 0.05
VALID_PSM = range(14)


@dataclass(frozen=True)
class Orientation:
    """Tesseract OSD: rotate the image clockwise by ``rotate`` degrees to make it upright."""

    rotate: int
    confidence: float
    script: str = ""


_LANG_RE = re.compile(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*")


@dataclass(frozen=True)
class TessArgs:
    """Typed arguments of one recognition call."""

    lang: str = "eng"
    psm: int = 3
    dpi: int | None = None
    timeout: float = DEFAULT_TIMEOUT_S

    def __post_init__(self) -> None:
        if self.psm not in VALID_PSM:
            raise UsageError(f"Page segmentation mode must be 0-13, not {self.psm}.")
        if self.psm == 0:
            raise UsageError("Page segmentation mode 0 only detects orientation and script; use 1-13 to read text.")
        if not _LANG_RE.fullmatch(self.lang):
            raise UsageError(f"Invalid language {self.lang!r}: use codes like 'eng' or 'eng+fra'.")


def _is_bilevel(image: np.ndarray) -> bool:
    return image.ndim == 2 and not np.any((image != 0) & (image != 255))


def write_pnm(image: np.ndarray, path: Path) -> None:
    """Write a uint8 array as PBM/PGM/PPM: the cheapest formats Leptonica reads.

    Black-and-white pages go as 1-bit PBM so Tesseract skips its own thresholding, exactly
    as it does when it reads a bilevel TIFF itself.
    """
    if image.dtype != np.uint8:
        raise UsageError("Tesseract input must be an 8-bit image.")
    if _is_bilevel(image):
        h, w = image.shape
        with open(path, "wb") as fh:
            fh.write(b"P4\n%d %d\n" % (w, h))
            fh.write(np.packbits(image == 0, axis=1).tobytes())
        return
    if image.ndim == 2:
        magic = b"P5"
    elif image.ndim == 3 and image.shape[2] == 3:
        magic = b"P6"
    else:
        raise UsageError(f"Unsupported image shape for OCR: {image.shape}.")
    h, w = image.shape[:2]
    with open(path, "wb") as fh:
        fh.write(b"%s\n%d %d\n255\n" % (magic, w, h))
        fh.write(np.ascontiguousarray(image).tobytes())


class TesseractEngine:
    """One installed Tesseract. Thread-safe: each call runs its own process."""

    def __init__(self, cmd: str | None = None, install: TesseractInstall | None = None) -> None:
        self._install = install or find_tesseract(cmd)
        self._langs: tuple[str, ...] | None = None
        self._version: str | None = None
        self._lock = threading.Lock()

    @property
    def cmd(self) -> str:
        return self._install.cmd

    def _env(self) -> dict[str, str]:
        env = child_process_env()
        # Debian's build uses OpenMP; one thread per process is ~8x faster on small machines
        # and we parallelise across pages instead.
        env["OMP_THREAD_LIMIT"] = "1"
        if self._install.tessdata:
            env["TESSDATA_PREFIX"] = self._install.tessdata
        return env

    def _run(self, args: list[str], *, timeout: float, cancel: CancelToken | None = None) -> str:
        """Run tesseract with ``args``; return stdout. Kill it on timeout or cancel."""
        if cancel is not None:
            cancel.raise_if_cancelled()
        cmd = [self._install.cmd, *args]
        log.debug("running %s", cmd)
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=self._env(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except FileNotFoundError as exc:
            raise TesseractNotFoundError(detail=str(exc)) from exc
        except OSError as exc:
            raise TesseractFailedError(f"Tesseract could not be started: {exc}", detail=str(exc)) from exc
        unregister = cancel.on_cancel(proc.kill) if cancel is not None else None
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    out, err = proc.communicate(timeout=_POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel.cancelled:
                        proc.kill()
                        proc.communicate()
                        raise CancelledError("Recognition cancelled.") from None
                    if time.monotonic() > deadline:
                        proc.kill()
                        proc.communicate()
                        raise TesseractTimeoutError(
                            f"Tesseract took longer than {timeout:.0f} s and was stopped. "
                            "Try a smaller page range or a lower resolution."
                        ) from None
        finally:
            if unregister is not None:
                unregister()
            if proc.poll() is None:  # an exception escaped the loop (KeyboardInterrupt, ...)
                proc.kill()
                proc.wait()
        if cancel is not None and cancel.cancelled:
            raise CancelledError("Recognition cancelled.")
        stderr = err.decode("utf-8", "replace")
        if proc.returncode != 0:
            self._raise_for_failure(proc.returncode, stderr)
        return out.decode("utf-8", "replace")

    @staticmethod
    def _raise_for_failure(code: int, stderr: str) -> None:
        if "Failed loading language" in stderr or "Could not initialize tesseract" in stderr:
            missing = re.findall(r"Failed loading language '([^']+)'", stderr)
            which = ", ".join(missing) if missing else "the requested language"
            raise LanguageNotAvailableError(
                f"Tesseract has no language data for {which}. Install it, e.g. "
                f"'sudo apt-get install tesseract-ocr-{(missing or ['<lang>'])[0]}'.",
                detail=stderr,
            )
        reason = f"signal {-code}" if code < 0 else f"exit code {code}"
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
        raise TesseractFailedError(f"Tesseract failed ({reason}): {last}", detail=stderr)

    # ---- information -------------------------------------------------------------------

    def version(self) -> str:
        if self._version is None:
            out = self._run(["--version"], timeout=QUICK_TIMEOUT_S)
            first = out.strip().splitlines()[0] if out.strip() else "tesseract"
            self._version = first.replace("tesseract", "").strip() or "unknown"
        return self._version

    def languages(self) -> tuple[str, ...]:
        """Installed languages, as Tesseract itself lists them (osd excluded)."""
        with self._lock:
            if self._langs is None:
                out = self._run(["--list-langs"], timeout=QUICK_TIMEOUT_S)
                langs = [line.strip() for line in out.splitlines()[1:] if line.strip() and line.strip() != "osd"]
                self._langs = tuple(sorted(langs))
            return self._langs

    def check_languages(self, lang: str) -> None:
        if not _LANG_RE.fullmatch(lang):
            raise UsageError(f"Invalid language {lang!r}: use codes like 'eng' or 'eng+fra'.")
        if "osd" in lang.split("+"):
            raise UsageError("'osd' only detects a page's orientation and script; it cannot read text. "
                             "Use a language such as 'eng'.")
        installed = self.languages()
        missing = [code for code in lang.split("+") if code not in installed]
        if missing:
            raise LanguageNotAvailableError(
                f"OCR language {'+'.join(missing)} is not installed. Installed: "
                f"{', '.join(installed) or 'none'}. On Debian/Ubuntu: "
                f"sudo apt-get install tesseract-ocr-{missing[0]}"
            )

    # ---- recognition -------------------------------------------------------------------

    def recognize_page(
        self,
        image: np.ndarray,
        *,
        lang: str = "eng",
        psm: int = 3,
        dpi: int | None = None,
        page: int = 1,
        cancel: CancelToken | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> PageResult:
        """OCR one page image (uint8 grey or RGB) and return words with boxes and offsets."""
        args = TessArgs(lang=lang, psm=psm, dpi=dpi, timeout=timeout)
        self.check_languages(args.lang)
        with tempfile.TemporaryDirectory(prefix="ocr-desktop-") as tmp:
            src = Path(tmp) / "page.pnm"
            write_pnm(image, src)
            cli = [str(src), "stdout", "-l", args.lang, "--psm", str(args.psm)]
            if args.dpi:
                cli += ["--dpi", str(args.dpi)]
            cli.append("tsv")
            tsv = self._run(cli, timeout=args.timeout, cancel=cancel)
        text, words, lines = parse_tsv(tsv)
        mean = sum(w.conf for w in words) / len(words) if words else 0.0
        h, w = image.shape[:2]
        return PageResult(
            page=page,
            text=text,
            words=tuple(words),
            lines=tuple(lines),
            mean_confidence=mean,
            width=w,
            height=h,
            dpi=dpi,
            lang=args.lang,
        )

    def detect_orientation(
        self, image: np.ndarray, *, cancel: CancelToken | None = None, timeout: float = 30.0
    ) -> Orientation:
        """Tesseract's OSD. Pages with too little text give rotate 0 and confidence 0."""
        with tempfile.TemporaryDirectory(prefix="ocr-desktop-") as tmp:
            src = Path(tmp) / "page.pnm"
            write_pnm(image, src)
            try:
                out = self._run([str(src), "stdout", "--psm", "0", "-l", "osd"], timeout=timeout, cancel=cancel)
            except TesseractFailedError as exc:
                # "Too few characters" and friends: not an error for the caller, just unknown
                log.debug("OSD gave no answer: %s", exc.detail)
                return Orientation(0, 0.0)
        rotate = re.search(r"Rotate:\s*(\d+)", out)
        conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
        script = re.search(r"Script:\s*(\S+)", out)
        if not rotate:
            return Orientation(0, 0.0)
        return Orientation(
            rotate=int(rotate.group(1)) % 360,
            confidence=float(conf.group(1)) if conf else 0.0,
            script=script.group(1) if script else "",
        )
