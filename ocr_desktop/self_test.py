"""``ocr-desktop --self-test``: the bundled sample through load → recognize → post-process.

Used by the packaging checks: it proves the bundled Tesseract, its language data and the
correction model all work, without a window. Exit 0 only on the exact expected text.
"""

from __future__ import annotations

import sys

from ocr_desktop.paths import sample_image

EXPECTED = "This is a sample with typos."


def run_self_test() -> int:
    from ocr_desktop.core.engine_api import OcrEngine

    engine = OcrEngine(user_model=None)
    engine.load_image(sample_image())
    raw = engine.recognize()
    enhanced = engine.run_postprocessor(raw)
    got = enhanced.text.strip()
    print(f"tesseract: {engine.tesseract.cmd} ({engine.tesseract.version()})")
    print(f"raw:       {raw.text.strip()}")
    print(f"enhanced:  {got}")
    if got == EXPECTED:
        print("self-test passed")
        return 0
    print(f"self-test FAILED: expected {EXPECTED!r}", file=sys.stderr)
    return 1
