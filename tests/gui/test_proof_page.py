"""ProofPage's bookkeeping without a window: where enhanced text came from in the raw text."""

from __future__ import annotations

import re

import pytest

from ocr_desktop.core.models import CorrectedPage, Correction, PageResult, apply_corrections
from ocr_desktop.gui.proofreading import ProofPage
from tests.gui.conftest import words_of

RAW = "Th1s 1s  a s@mple ,w1th typ0s"
FIXES = (
    Correction(0, 4, "Th1s", "This", "ocr-confusion", 0.9),
    Correction(5, 7, "1s", "is", "ocr-confusion", 0.9),
    Correction(7, 9, "  ", " ", "whitespace", 1.0),
    Correction(11, 17, "s@mple", "sample", "ocr-confusion", 0.9),
    Correction(17, 19, " ,", ", ", "punctuation-spacing", 1.0),
    Correction(24, 29, "typ0s", "typos", "ocr-confusion", 0.9),
)


@pytest.fixture
def proof(qapp) -> ProofPage:
    enhanced = apply_corrections(RAW, FIXES)
    return ProofPage(PageResult(1, RAW, words_of(RAW)), CorrectedPage(1, RAW, enhanced, FIXES, ()))


def test_every_enhanced_word_maps_back_to_what_ocr_read(proof: ProofPage) -> None:
    enhanced = proof.enhanced_text()
    assert enhanced == "This is a sample, w1th typos"
    got = []
    for m in re.finditer(r"\S+", enhanced):
        s, e = proof.raw_span_of_enhanced(m.start(), m.end())
        got.append(proof.raw[s:e].strip())
    assert got == ["Th1s", "1s", "a", "s@mple ,", "w1th", "typ0s"]
