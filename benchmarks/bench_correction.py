"""Post-processor figures: model load time, words/s, and fixed/broken/WER on the post-OCR text sets.

Run:  .venv/bin/python benchmarks/bench_correction.py [--shared ../shared] [--join] [--runs N]

Throughput (words/s, median of ``--runs``) is given per kind of text: overProof (very noisy),
ICDAR 2017 (nearly clean) and the image sets' pages as our OCR read them (from the JSON cache
that ``bench_dataset.py`` writes), each with cold caches and for pages seen before.

Load time is measured in fresh processes (cold: nothing cached), median of 5, plus the warm
construction the GUI pays every time after the first. Accuracy uses ../shared/eval/score.py on
``postocr_*`` (``<id>.ocr.txt`` -> corrected), with the default settings (no hyphen joins;
``--join`` turns them on: the overProof ground truth keeps line-end hyphens, so joining them
counts as errors there).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr_desktop.core.correction import CorrectionSettings, PostProcessor  # noqa: E402
from ocr_desktop.core.correction.corrector import clear_caches  # noqa: E402
from ocr_desktop.core.models import Word  # noqa: E402

SETS = ("postocr_overproof", "postocr_icdar2017")
_COLD = (
    "import time; t0=time.perf_counter(); "
    "from ocr_desktop.core.correction import PostProcessor; t1=time.perf_counter(); PostProcessor(user_model=None); "
    "print(t1-t0, time.perf_counter()-t1)"
)


def cold_load_ms(runs: int = 5) -> tuple[float, float]:
    """Median (import ms, first PostProcessor ms) in fresh processes."""
    imports, loads = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, capture_output=True, text=True, check=True)
        a, b = out.stdout.split()
        imports.append(float(a) * 1000)
        loads.append(float(b) * 1000)
    return statistics.median(imports), statistics.median(loads)


def warm_load_ms(runs: int = 20) -> float:
    PostProcessor(user_model=None)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        PostProcessor(user_model=None)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _image_pages(cache: Path) -> list[tuple[str, list[Word]]]:
    """(raw text, OCR words) of the image sets' pages cached by bench_dataset.py, if any."""
    pages: list[tuple[str, list[Word]]] = []
    for j in sorted(cache.rglob("*.json")):
        doc = json.loads(j.read_text(encoding="utf-8"))
        for page in doc.get("pages", []):
            words = [Word(w["text"], w["conf"], tuple(w["bbox"]), w["start"], w["end"]) for w in page["words"]]
            pages.append((page["raw_text"], words))
    return pages


def throughput(pages: list[tuple[str, list[Word]]], runs: int = 5) -> tuple[float, float, float]:
    """Median words/s over ``runs`` runs: (cold caches, seen before, slowest page ms when cold).

    Cold: a fresh PostProcessor with the shared candidate lists cleared, as for a document never
    seen before. Warm: the same pages again (a document opened twice, or re-run after a setting).
    """
    words = sum(len(t.split()) for t, _w in pages)
    cold, warm, worst = [], [], []
    for _ in range(runs):
        clear_caches()
        pp = PostProcessor(user_model=None)
        slowest = 0.0
        t = time.perf_counter()
        for text, ws in pages:
            t1 = time.perf_counter()
            pp.correct_page(text, ws)
            slowest = max(slowest, time.perf_counter() - t1)
        cold.append(words / (time.perf_counter() - t))
        worst.append(slowest * 1000)
        pp = PostProcessor(user_model=None)
        t = time.perf_counter()
        for text, ws in pages:
            pp.correct_page(text, ws)
        warm.append(words / (time.perf_counter() - t))
    return statistics.median(cold), statistics.median(warm), statistics.median(worst)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--join", action="store_true", help="join hyphenated line ends")
    ap.add_argument("--runs", type=int, default=5, help="runs per throughput figure (median)")
    ap.add_argument("--ocr-cache", type=Path, default=Path(tempfile.gettempdir()) / "ocr-desktop-dataset" / "auto",
                    help="bench_dataset.py's cached OCR JSON (image pages)")
    args = ap.parse_args()
    data, scorer = args.shared / "data", args.shared / "eval" / "score.py"

    imp, load = cold_load_ms()
    print(f"model load, cold (fresh process, median of 5): {load:.0f} ms (+ {imp:.0f} ms importing the package)")
    print(f"model load, warm (cached models, median of 20): {warm_load_ms():.2f} ms")
    if not data.is_dir() or not scorer.is_file():
        print(f"{data} or {scorer} not found: accuracy and speed on real text skipped")
        return 0
    kinds = [(s, [(p.read_text(encoding="utf-8"), []) for p in sorted((data / s).glob("*.ocr.txt"))]) for s in SETS]
    kinds.append(("image pages (bench_dataset.py's OCR cache)", _image_pages(args.ocr_cache)))
    for name, pages in kinds:
        if not pages:
            print(f"throughput on {name}: no pages (run benchmarks/bench_dataset.py first)")
            continue
        cold, warm, worst = throughput(pages, args.runs)
        print(f"throughput on {name} ({len(pages)} pages, median of {args.runs}): {cold:,.0f} words/s cold caches, "
              f"{warm:,.0f} words/s seen before; slowest page {worst:.0f} ms")

    settings = CorrectionSettings(join_hyphenated=args.join)
    pp = PostProcessor(user_model=None, settings=settings)
    with tempfile.TemporaryDirectory() as tmp:
        raw_dir, fixed_dir = Path(tmp, "raw"), Path(tmp, "fixed")
        for s in SETS:
            (raw_dir / s).mkdir(parents=True)
            (fixed_dir / s).mkdir(parents=True)
            for p in sorted((data / s).glob("*.ocr.txt")):
                stem = p.name[: -len(".ocr.txt")]
                raw = p.read_text(encoding="utf-8")
                (raw_dir / s / f"{stem}.txt").write_text(raw, encoding="utf-8")
                (fixed_dir / s / f"{stem}.txt").write_text(pp.correct_text(raw).text, encoding="utf-8")
        runs = (("raw OCR", raw_dir, None), ("corrected", fixed_dir, None),
                ("raw -> corrected (fixed / broken)", raw_dir, fixed_dir))
        for label, hyp, hyp2 in runs:
            print(f"\n== {label} ==")
            cmd = [sys.executable, str(scorer), str(data), str(hyp), "--all-gt", "--sets", ",".join(SETS)]
            if hyp2 is not None:
                cmd += ["--hyp2", str(hyp2)]
            print(subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
