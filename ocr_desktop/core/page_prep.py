"""The step between a decoded page and Tesseract: preprocessing chosen by the settings.

Kept apart from ``engine_api`` so the facade does not need to know how "auto" decides,
and so the window's preview and the OCR path share one entry point.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

import numpy as np

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.engine.tesseract import TesseractEngine
from ocr_desktop.core.image_io import PageImage


@dataclass(frozen=True)
class Prepared:
    image: np.ndarray
    dpi: int | None
    to_source: np.ndarray | None  # 2x3 affine, processed → source pixels; None = identity
    notes: tuple[str, ...]


def _preprocess_available() -> bool:
    return importlib.util.find_spec("ocr_desktop.core.preprocess") is not None


class PagePreparer:
    """Holds the preprocessing settings (spec string, settings object or None)."""

    def __init__(self, settings: Any = "auto") -> None:
        if isinstance(settings, str) and _preprocess_available():
            from ocr_desktop.core.preprocess import parse_preprocess_spec

            settings = parse_preprocess_spec(settings)
        elif isinstance(settings, str) and settings not in ("auto", "none"):
            from ocr_desktop.core.errors import UsageError

            raise UsageError(f"Unknown preprocessing {settings!r}.")
        self.settings = settings

    @property
    def is_none(self) -> bool:
        s = self.settings
        return s is None or s == "none" or getattr(s, "mode", None) == "none"

    def prepare(
        self,
        page: PageImage,
        tesseract: TesseractEngine,
        *,
        lang: str = "eng",
        psm: int = 3,
        cancel: CancelToken | None = None,
    ) -> Prepared:
        if self.is_none or isinstance(self.settings, str) or not _preprocess_available():
            return Prepared(page.image, page.dpi, None, ())
        from ocr_desktop.core.preprocess import prepare_page

        def osd(img: np.ndarray) -> Any:
            return tesseract.detect_orientation(img, cancel=cancel)

        def trial(img: np.ndarray, dpi: int | None) -> float:
            return tesseract.recognize_page(img, lang=lang, psm=psm, dpi=dpi, cancel=cancel).mean_confidence

        done = prepare_page(page.image, page.dpi, self.settings, osd=osd, trial_ocr=trial, cancel=cancel)
        return Prepared(done.image, done.dpi, done.to_source, tuple(done.notes))
