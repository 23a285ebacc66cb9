"""OCR Desktop: trustworthy OCR for scans, receipts, forms, screenshots and PDFs.

Public API::

    from ocr_desktop import OcrEngine
    engine = OcrEngine()                      # OcrEngine(lang="fra") for other languages
    engine.load_image("resources/samples/sample_with_typos.png")
    raw = engine.recognize()                  # raw.text
    enhanced = engine.run_postprocessor(raw)  # enhanced.text
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ocr_desktop.core.cancel import CancelToken
    from ocr_desktop.core.engine_api import OcrEngine

__all__ = ["CancelToken", "OcrEngine", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy so `python -m ocr_desktop --version` does not import numpy and Pillow.
    if name == "OcrEngine":
        from ocr_desktop.core.engine_api import OcrEngine

        return OcrEngine
    if name == "CancelToken":
        from ocr_desktop.core.cancel import CancelToken

        return CancelToken
    raise AttributeError(name)
