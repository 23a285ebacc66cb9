"""Regression test of the post-processor against ../shared/data with the issue's thresholds.

Text-only sets (``postocr_*``: real OCR output and its ground truth) are scored here with the
project's scorer. The image-set thresholds (0 broken on tesseract_test, fixed > broken on every
set) need the engine's OCR output and are left to a test that runs recognise first (TODO: engine).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from ocr_desktop.core.correction import CorrectionSettings, PostProcessor

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(
    not (DATA.is_dir() and SCORER.is_file()),
    reason=f"evaluation data or scorer not found under {SHARED} (it sits beside the repository on developer machines)",
)


def _scorer() -> ModuleType:
    pytest.importorskip("rapidfuzz", reason="the scorer needs rapidfuzz")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score_set(name: str, settings: CorrectionSettings) -> dict[str, float]:
    score = _scorer()
    pp = PostProcessor(user_model=None, settings=settings)
    total = score.Acc()
    for gt_path in sorted((DATA / name).glob("*.gt.txt")):
        raw = gt_path.with_name(gt_path.name.replace(".gt.txt", ".ocr.txt")).read_text(encoding="utf-8")
        gt = gt_path.read_text(encoding="utf-8")
        total.add(score.score_doc(gt, raw, pp.correct_text(raw).text))
    raw_wer = total.w_err  # of the raw hypothesis
    row = total.row(True)
    return {"raw_WER": raw_wer / total.w_ref, "fixed": row["fixed"], "broken": row["broken"],
            "words": total.w_ref, "after_WER": _after_wer(name, score, pp)}


def _after_wer(name: str, score: ModuleType, pp: PostProcessor) -> float:
    acc = score.Acc()
    for gt_path in sorted((DATA / name).glob("*.gt.txt")):
        raw = gt_path.with_name(gt_path.name.replace(".gt.txt", ".ocr.txt")).read_text(encoding="utf-8")
        acc.add(score.score_doc(gt_path.read_text(encoding="utf-8"), pp.correct_text(raw).text))
    return float(acc.row(False)["WER"])


def _overproof() -> dict[str, float]:
    # the overProof ground truth keeps line-end hyphens, so joining them is scored as damage there
    return _score_set("postocr_overproof", CorrectionSettings())


def test_overproof_fixes_ten_per_break() -> None:
    r = _overproof()
    assert r["fixed"] >= 10 * max(1, r["broken"]), r
    assert r["after_WER"] < r["raw_WER"], r
    # regression guard near today's level (0.2263) until the 0.20 is reached
    assert r["after_WER"] <= 0.236, r


@pytest.mark.xfail(strict=True, reason="issue 3 target not reached yet: WER 0.308 -> 0.2263 (needs <= 0.20); "
                   "most remaining errors are real-word slips (arc, aud, thu) and multi-edit ABBYY "
                   "misreadings short of the margin")
def test_overproof_wer_target() -> None:
    assert _overproof()["after_WER"] <= 0.20


def test_icdar2017_restraint() -> None:
    r = _score_set("postocr_icdar2017", CorrectionSettings())
    assert r["broken"] <= 0.005 * r["words"], r
    # regression guard at today's level: no archaic spelling (hee, owne) is changed
    assert r["broken"] == 0, r
