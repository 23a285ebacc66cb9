"""Image sets of ../shared/data end to end: OCR (default settings) → post-processor → scorer.

OCR output is cached as the CLI's JSON (``--cache DIR``) so the corrector can be re-scored in
seconds after a change; the correction is re-run from each cached page's raw text and word
confidences, exactly as ``run_postprocessor`` does.

    .venv/bin/python benchmarks/bench_dataset.py [--cache /tmp/ocr-desktop-dataset] [--refresh]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ocr_desktop.cli import main as cli_main  # noqa: E402
from ocr_desktop.core.models import Word  # noqa: E402

SHARED = REPO.parent / "shared"
SETS = ("tesseract_test", "sroie_receipts", "funsd_forms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ocr-desktop-dataset")
    ap.add_argument("--refresh", action="store_true", help="OCR again even where cached")
    ap.add_argument("--preprocess", default="auto")
    args = ap.parse_args()
    data = SHARED / "data"
    if not data.is_dir():
        print(f"no evaluation data at {data}")
        return 0
    images = sorted(p for s in SETS for p in (data / s).iterdir() if p.suffix in (".png", ".jpg", ".tif"))
    jobs = []
    for img in images:
        out = args.cache / args.preprocess / img.relative_to(data).with_suffix(".json")
        if args.refresh or not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            jobs.append([
                "recognize", str(img), "--format", "json", "-o", str(out), "--user-model", "none",
                "--preprocess", args.preprocess, "--raw",
            ])
    t0 = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(cli_main, jobs))
    if jobs:
        print(f"OCR of {len(jobs)} pages: {time.perf_counter() - t0:.1f} s, failures: {sum(1 for c in codes if c)}")

    from ocr_desktop.core.correction import PostProcessor

    pp = PostProcessor(user_model=None)
    with tempfile.TemporaryDirectory() as tmp:
        raw_dir, cor_dir = Path(tmp) / "raw", Path(tmp) / "corrected"
        n_words = 0
        t_correct = 0.0
        for img in images:
            rel = img.relative_to(data)
            doc = json.loads((args.cache / args.preprocess / rel.with_suffix(".json")).read_text(encoding="utf-8"))
            raws, cors = [], []
            for page in doc["pages"]:
                words = [Word(w["text"], w["conf"], tuple(w["bbox"]), w["start"], w["end"]) for w in page["words"]]
                t1 = time.perf_counter()
                cp = pp.correct_page(page["raw_text"], words, page=page["page"])
                t_correct += time.perf_counter() - t1
                n_words += len(words)
                raws.append(page["raw_text"])
                cors.append(cp.text)
            for folder, texts in ((raw_dir, raws), (cor_dir, cors)):
                target = folder / rel.with_suffix(".txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("\n".join(texts), encoding="utf-8")
        print(f"correction: {n_words} words in {t_correct:.2f} s ({n_words / max(t_correct, 1e-9):,.0f} words/s)")
        subprocess.run(
            [sys.executable, str(SHARED / "eval" / "score.py"), str(data), str(raw_dir), "--hyp2", str(cor_dir),
             "--sets", ",".join(SETS), "--label", f"raw ({args.preprocess}) vs corrected"],
            check=False,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
