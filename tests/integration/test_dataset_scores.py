"""Accuracy regressions on the real pages of ../shared/data, scored by ../shared/eval/score.py.

Every image is recognised once through the CLI with default settings (auto preprocessing,
post-processing on, no user model) and once with ``--preprocess none``; the tests then
compare CER per set (preprocessing) and words fixed vs broken (post-processing).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ocr_desktop.cli import main
from tests.conftest import DATA, SHARED, requires_tesseract
from tests.scoring import scorer

pytestmark = [requires_tesseract, pytest.mark.slow, pytest.mark.shared_data]

IMAGE_SETS = ("tesseract_test", "sroie_receipts", "funsd_forms")
SUFFIXES = (".png", ".jpg", ".tif")


def images() -> list[Path]:
    return sorted(p for s in IMAGE_SETS for p in (DATA / s).iterdir() if p.suffix in SUFFIXES)


def _recognize(args: tuple[Path, Path, str]) -> None:
    image, out, preprocess = args
    out.parent.mkdir(parents=True, exist_ok=True)
    code = main(["recognize", str(image), "--format", "json", "-o", str(out), "--user-model", "none",
                 "--preprocess", preprocess])
    assert code == 0, f"recognize failed on {image}"


@pytest.fixture(scope="session")
def hyp_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not DATA.is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"evaluation data or scorer not found under {SHARED}")
    base = tmp_path_factory.mktemp("dataset")
    jobs = []
    for img in images():
        rel = img.relative_to(DATA).with_suffix(".json")
        jobs.append((img, base / "auto-json" / rel, "auto"))
        jobs.append((img, base / "none-json" / rel, "none"))
    with ThreadPoolExecutor(2) as pool:  # one tesseract per core
        list(pool.map(_recognize, jobs))
    dirs = {name: base / name for name in ("raw", "corrected", "none")}
    for img in images():
        rel = img.relative_to(DATA)
        auto = json.loads((base / "auto-json" / rel.with_suffix(".json")).read_text(encoding="utf-8"))
        none = json.loads((base / "none-json" / rel.with_suffix(".json")).read_text(encoding="utf-8"))
        for name, text in (
            ("raw", "\n".join(p["raw_text"] for p in auto["pages"])),
            ("corrected", "\n".join(p["text"] for p in auto["pages"])),
            ("none", "\n".join(p["raw_text"] for p in none["pages"])),
        ):
            target = dirs[name] / rel.with_suffix(".txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return dirs


def score(hyp: Path, hyp2: Path | None, tmp_path: Path) -> dict[str, dict[str, Any]]:
    out = tmp_path / "score.json"
    argv = [str(DATA), str(hyp), "--json", str(out), "--sets", ",".join(IMAGE_SETS)]
    if hyp2 is not None:
        argv += ["--hyp2", str(hyp2)]
    assert scorer().main(argv) == 0
    rows = json.loads(out.read_text())["sets"]
    return {r["set"]: r for r in rows}


def test_auto_preprocessing_never_worse_than_none(hyp_dirs: dict[str, Path], tmp_path: Path) -> None:
    auto = score(hyp_dirs["raw"], None, tmp_path)
    none = score(hyp_dirs["none"], None, tmp_path)
    table = {s: (round(none[s]["CER"], 4), round(auto[s]["CER"], 4)) for s in IMAGE_SETS}
    print("CER none → auto:", table)
    for s in IMAGE_SETS:
        assert auto[s]["CER"] <= none[s]["CER"] + 0.005, (s, table)
    assert auto["funsd_forms"]["CER"] <= 0.9 * none["funsd_forms"]["CER"], table
    assert auto["sroie_receipts"]["CER"] < none["sroie_receipts"]["CER"], table


def test_upside_down_page_is_read(hyp_dirs: dict[str, Path]) -> None:
    from tests.scoring import cer

    gt = (DATA / "tesseract_test" / "phototest_rot180.gt.txt").read_text(encoding="utf-8")
    hyp = (hyp_dirs["raw"] / "tesseract_test" / "phototest_rot180.txt").read_text(encoding="utf-8")
    assert cer(gt, hyp) <= 0.05


def test_post_processor_fixes_more_than_it_breaks(hyp_dirs: dict[str, Path], tmp_path: Path) -> None:
    rows = score(hyp_dirs["raw"], hyp_dirs["corrected"], tmp_path)
    table = {s: (rows[s]["fixed"], rows[s]["broken"]) for s in IMAGE_SETS}
    print("fixed, broken per set:", table)
    assert rows["tesseract_test"]["broken"] == 0, table
    for s in IMAGE_SETS:
        assert rows[s]["fixed"] > rows[s]["broken"], (s, table)
