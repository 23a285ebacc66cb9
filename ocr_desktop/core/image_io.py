"""Files → pages. Every supported format becomes uint8 grey or RGB numpy arrays.

Pages are decoded lazily: opening a document reads only what is needed to count pages, and
``Document.page(i)`` decodes page ``i`` when asked. Nothing is cached here; callers keep the
pages they are using, so a 300-page PDF never sits in memory whole.

The format is sniffed from the file's first bytes, never trusted from its extension.
"""

from __future__ import annotations

import logging
import threading
import warnings
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ocr_desktop.core.errors import (
    EncryptedPdfError,
    ImageTooLargeError,
    InputFileError,
    UnsupportedFormatError,
    UsageError,
)

log = logging.getLogger(__name__)

#: Pillow's default bomb limit is 89 MP; a 600-dpi A2 scan is ~70 MP. We refuse above this.
MAX_PIXELS = 120_000_000
#: an image smaller than this both ways holds no readable text (a 4 × 4 icon, a spacer)
MIN_SIDE = 8
PDF_DPI = 300
MIN_TRUSTED_DPI = 100  # lower values are scanner mis-tags (72 dpi defaults)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pbm", ".pgm", ".ppm")
SUPPORTED_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf")

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class PageImage:
    """One decoded page: ``image`` is uint8 (H, W) grey or (H, W, 3) RGB."""

    image: np.ndarray
    dpi: int | None
    index: int  # 0-based


def trusted_dpi(value: object) -> int | None:
    """A dpi value we believe, or None for missing/implausible ones."""
    try:
        if isinstance(value, tuple):
            value = value[0]
        dpi = round(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return dpi if MIN_TRUSTED_DPI <= dpi <= 4800 else None


def to_uint8(img: Image.Image) -> np.ndarray:
    """Any Pillow mode → uint8 grey or RGB; transparency is flattened onto white paper."""
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        if mode.startswith("I;16"):
            lo, hi = 0.0, 65535.0
        elif hi <= 255 and lo >= 0:
            lo, hi = 0.0, 255.0
        scale = 255.0 / (hi - lo) if hi > lo else 0.0
        return np.clip((arr - lo) * scale, 0, 255).astype(np.uint8)
    if mode == "1":
        return np.asarray(img.convert("L"), dtype=np.uint8)
    if mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
        mode = img.mode
    if mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(white, rgba)
        img = flat.convert("L") if mode in ("LA", "La") else flat.convert("RGB")
        mode = img.mode
    if mode == "L":
        return np.asarray(img, dtype=np.uint8)
    if mode != "RGB":
        img = img.convert("RGB")  # CMYK, YCbCr, LAB, HSV
    return np.asarray(img, dtype=np.uint8)


def array_to_page(array: np.ndarray, dpi: int | None = None) -> np.ndarray:
    """Normalise a caller's array (any int/float dtype, grey/RGB/RGBA) to uint8 grey/RGB."""
    arr = np.asarray(array)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise UsageError(f"An image array must be (H, W), (H, W, 3) or (H, W, 4); got {arr.shape}.")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise UsageError("The image is empty (zero width or height).")
    if arr.dtype == np.bool_:
        arr = arr.astype(np.uint8) * 255
    elif arr.dtype == np.uint16:
        arr = (arr // 257).astype(np.uint8)
    elif np.issubdtype(arr.dtype, np.floating):
        top = 1.0 if float(np.nanmax(arr)) <= 1.0 else 255.0
        arr = np.clip(np.nan_to_num(arr) * (255.0 / top), 0, 255).astype(np.uint8)
    elif arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 3 and arr.shape[2] == 4:
        alpha = arr[:, :, 3:4].astype(np.float32) / 255.0
        arr = (arr[:, :, :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)
    return np.ascontiguousarray(arr)


def sniff_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    signatures = (
        (b"\x89PNG", "image"),
        (b"\xff\xd8\xff", "image"),
        (b"II*\x00", "image"),
        (b"MM\x00*", "image"),
        (b"BM", "image"),
        (b"GIF8", "image"),
        (b"P1", "image"),
        (b"P2", "image"),
        (b"P3", "image"),
        (b"P4", "image"),
        (b"P5", "image"),
        (b"P6", "image"),
    )
    for sig, kind in signatures:
        if head.startswith(sig):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    return None


class Document:
    """An opened file with ``page_count`` pages, decoded on demand."""

    path: Path | None
    page_count: int

    def page(self, index: int) -> PageImage:
        raise NotImplementedError

    def pages(self) -> Iterator[PageImage]:
        for i in range(self.page_count):
            yield self.page(i)

    def close(self) -> None:
        """Release file handles. Safe to call twice."""

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def name(self) -> str:
        return self.path.name if self.path else "image"


class ArrayDocument(Document):
    """A single in-memory page (pasted image, numpy array from the API)."""

    def __init__(self, array: np.ndarray, dpi: int | None = None, name: str = "image") -> None:
        self.path = None
        self._array = array_to_page(array)
        self._dpi = dpi
        self._name = name
        self.page_count = 1

    @property
    def name(self) -> str:
        return self._name

    def page(self, index: int) -> PageImage:
        if index != 0:
            raise IndexError(index)
        return PageImage(self._array, self._dpi, 0)


class ImageDocument(Document):
    """PNG/JPEG/TIFF/BMP/GIF/WebP/PNM. Multi-page TIFFs give one page per frame."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._open() as img:
            self._check_size(img)
            fmt = img.format or ""
            frames = getattr(img, "n_frames", 1)
            # every TIFF page is a page; an animated GIF/WebP is still one picture
            self.page_count = frames if fmt == "TIFF" else 1

    def _open(self) -> Image.Image:
        assert self.path is not None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                return Image.open(self.path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageTooLargeError(
                self.path,
                f"the image is too large to open safely (over {MAX_PIXELS // 1_000_000} megapixels)",
                detail=str(exc),
            ) from exc
        except UnidentifiedImageError as exc:
            raise UnsupportedFormatError(self.path, self._unidentified_reason(), detail=str(exc)
            ) from exc
        except OSError as exc:
            raise InputFileError(self.path, f"could not be read ({exc})", detail=str(exc)) from exc

    def _unidentified_reason(self) -> str:
        """Tell a damaged image from a file that was never an image (a note named .png)."""
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(64)
        except OSError:
            head = b""
        if sniff_kind(head) == "image":
            return "the image data is damaged and cannot be decoded"
        suffix = self.path.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            return f"not an image OCR Desktop can read: it is named {suffix} but holds something else, or is damaged"
        return "not an image or PDF OCR Desktop can read"

    def _check_size(self, img: Image.Image) -> None:
        w, h = img.size
        if w * h > MAX_PIXELS:
            raise ImageTooLargeError(
                self.path,
                f"the image is too large ({w} × {h} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels)",
            )
        if w == 0 or h == 0:
            raise InputFileError(self.path, "the image has no pixels")
        if w < MIN_SIDE and h < MIN_SIDE:
            # Tesseract fails on such images with a bare "Error during processing"
            raise InputFileError(self.path, f"the image is too small to hold text ({w} × {h} pixels)")

    def page(self, index: int) -> PageImage:
        if not 0 <= index < self.page_count:
            raise IndexError(index)
        with self._open() as img:
            try:
                if index:
                    img.seek(index)
                self._check_size(img)
                dpi = trusted_dpi(img.info.get("dpi"))
                if img.format == "JPEG":
                    img.load()
                    img = ImageOps.exif_transpose(img)
                else:
                    img.load()
                arr = to_uint8(img)
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise InputFileError(
                    self.path, f"the image data is damaged or truncated ({exc})", detail=repr(exc)
                ) from exc
        return PageImage(arr, dpi, index)


class PdfDocument(Document):
    """PDF pages rendered at 300 dpi with pdfium (pypdfium2 wheel, no system poppler)."""

    def __init__(self, path: Path, dpi: int = PDF_DPI) -> None:
        import pypdfium2 as pdfium  # import here: only PDF users pay for it

        self.path = path
        self._dpi = dpi
        self._lock = threading.Lock()  # pdfium is not thread-safe
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            msg = str(exc).lower()
            if "password" in msg:
                raise EncryptedPdfError(
                    path,
                    "the PDF is protected by a password; open it in a PDF viewer and save an unprotected copy",
                    detail=str(exc),
                ) from exc
            raise InputFileError(path, "the PDF is damaged or not a PDF", detail=str(exc)) from exc
        # closed at the latest when Python exits: pdfium complains of documents left open then
        # (an API user who never calls OcrEngine.close())
        self._finalizer = weakref.finalize(self, _close_pdf, self._pdf, self._lock)
        self.page_count = len(self._pdf)
        if self.page_count == 0:
            self.close()
            raise InputFileError(path, "the PDF has no pages")

    def page(self, index: int) -> PageImage:
        if not 0 <= index < self.page_count:
            raise IndexError(index)
        with self._lock:
            try:
                pg = self._pdf[index]
                w_pt, h_pt = pg.get_size()
                scale = self._dpi / 72.0
                pixels = (w_pt * scale) * (h_pt * scale)
                if pixels > MAX_PIXELS:  # huge poster pages: render smaller rather than refuse
                    scale *= (MAX_PIXELS / pixels) ** 0.5
                bitmap = pg.render(scale=scale, grayscale=False)
                pil = bitmap.to_pil()
                arr = to_uint8(pil)
                pg.close()
            except Exception as exc:  # pdfium raises assorted errors on damaged pages
                raise InputFileError(
                    self.path, f"page {index + 1} could not be rendered ({exc})", detail=repr(exc)
                ) from exc
        return PageImage(arr, round(scale * 72), index)

    def close(self) -> None:
        finalizer = getattr(self, "_finalizer", None)
        if finalizer is not None:
            finalizer()  # runs once
        self._pdf = None


def _close_pdf(pdf: Any, lock: threading.Lock) -> None:
    with lock:
        pdf.close()


def open_document(source: str | Path) -> Document:
    """Open an image or PDF file. Raises InputFileError (or a child) with a clear reason."""
    path = Path(source).expanduser()
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a file")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise InputFileError(path, f"could not be read ({exc.strerror or exc})", detail=str(exc)) from exc
    if size == 0:
        raise InputFileError(path, "the file is empty (0 bytes)")
    kind = sniff_kind(head)
    if kind == "pdf":
        return PdfDocument(path)
    # Pillow may know formats we do not sniff (e.g. TGA); let it try before refusing.
    return ImageDocument(path)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files stay; folders become the supported files inside them (sorted, recursive)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    return out
