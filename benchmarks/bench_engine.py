"""recognize() overhead vs one bare tesseract process on the same 300-dpi page.

Both sides: same psm, same dpi, OMP_THREAD_LIMIT=1; the bare run writes txt and tsv (what
we need). Runs alternate so machine noise hits both alike. Target: median ratio <= 1.05.

    .venv/bin/python benchmarks/bench_engine.py [PAGE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ocr_desktop import OcrEngine  # noqa: E402

DEFAULT_PAGE = REPO.parent / "shared" / "data" / "tesseract_test" / "unlv_8087_054.tif"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("page", nargs="?", type=Path, default=DEFAULT_PAGE)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--psm", type=int, default=3)
    args = ap.parse_args()
    if not args.page.exists():
        print(f"page not found: {args.page} (needs ../shared/data)")
        return 0
    engine = OcrEngine(preprocess="none", psm=args.psm, user_model=None, workers=1)
    engine.load_image(args.page)
    page = engine.document.page(0)
    dpi = page.dpi or 300
    h, w = page.image.shape[:2]
    print(f"page: {args.page.name} {w}x{h} @ {dpi} dpi, psm {args.psm}, tesseract {engine.tesseract.version()}")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = str(Path(tmp) / "out")
        for i in range(args.runs):
            for side in (0, 1) if i % 2 == 0 else (1, 0):
                t0 = time.perf_counter()
                if side == 0:
                    engine.load_image(args.page)
                    engine.recognize()
                    ours.append(time.perf_counter() - t0)
                else:
                    subprocess.run(
                        [
                            engine.tesseract.cmd,
                            str(args.page),
                            base,
                            "--psm",
                            str(args.psm),
                            "--dpi",
                            str(dpi),
                            "txt",
                            "tsv",
                        ],
                        env=env,
                        check=True,
                        capture_output=True,
                        timeout=300,
                    )
                    bare.append(time.perf_counter() - t0)
    ratios = [o / b for o, b in zip(ours, bare, strict=True)]
    print(f"recognize(): median {statistics.median(ours):.3f} s  (min {min(ours):.3f})")
    print(f"bare tesseract txt+tsv: median {statistics.median(bare):.3f} s  (min {min(bare):.3f})")
    print(f"ratio ours/bare: median {statistics.median(ratios):.3f}  (pairs: {', '.join(f'{r:.3f}' for r in ratios)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
