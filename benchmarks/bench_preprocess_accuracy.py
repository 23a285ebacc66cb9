"""CER of Tesseract on ../shared/data with preprocessing "none" vs "auto" (or any presets).

Runs the tesseract CLI in subprocesses (OMP_THREAD_LIMIT=1, --psm 3, --dpi when known) on
what ``prepare_page`` produced, two pages at a time, writes hypothesis folders and scores
them with ../shared/eval/score.py.

    python benchmarks/bench_preprocess_accuracy.py [--variants none,auto] [--sets a,b]
        [--out /tmp/ocr-preprocess-bench] [--trial] [--workers 2]

A variant is anything ``--preprocess`` accepts: auto, none, a preset name, a JSON file.
Until the engine module exists this talks to tesseract directly; OSD (``--psm 0``) is passed
to auto as its orientation callable, and ``--trial`` enables trial recognitions.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr_desktop.core.preprocess import parse_preprocess_spec, prepare_page  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SCORE = SHARED / "eval" / "score.py"
SETS = ("tesseract_test", "sroie_receipts", "funsd_forms")
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class Orientation:
    rotate: int
    confidence: float
    script: str = ""


def load(path: Path) -> tuple[np.ndarray, int | None]:
    with Image.open(path) as im:
        dpi_info = im.info.get("dpi")
        if im.mode not in ("L", "RGB"):
            im = im.convert("RGB" if im.mode in ("P", "RGBA", "CMYK", "LA", "PA") else "L")
        arr = np.array(im)
    dpi = round(float(dpi_info[0])) if dpi_info and float(dpi_info[0]) > 1 else None
    return arr, dpi


def _tess(img: np.ndarray, dpi: int | None, args: list[str], tmp: Path) -> str:
    src = tmp / "in.png"
    Image.fromarray(img).save(src)
    cmd = ["tesseract", str(src), "stdout", *args]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    res = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=300, check=False)
    return res.stdout


def osd(img: np.ndarray) -> Orientation:
    with tempfile.TemporaryDirectory() as d:
        out = _tess(img, 300, ["--psm", "0"], Path(d))
    rot = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rot:
        return Orientation(0, 0.0)
    return Orientation(int(rot.group(1)), float(conf.group(1)) if conf else 0.0)


def trial_ocr(img: np.ndarray, dpi: int | None) -> float:
    with tempfile.TemporaryDirectory() as d:
        tsv = _tess(img, dpi, ["--psm", "3", "tsv"], Path(d))
    confs = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 12 and parts[11].strip() and float(parts[10]) >= 0:
            confs.append(float(parts[10]))
    return statistics.fmean(confs) if confs else 0.0


def work(task: tuple[str, str, str, bool]) -> tuple[str, str, float, float, tuple[str, ...]]:
    variant, path_s, out_s, trial = task
    path = Path(path_s)
    img, dpi = load(path)
    t0 = time.perf_counter()
    page = prepare_page(img, dpi, parse_preprocess_spec(variant), osd=osd, trial_ocr=trial_ocr if trial else None)
    t_pre = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as d:
        t1 = time.perf_counter()
        text = _tess(page.image, page.dpi, ["--psm", "3"], Path(d))
        t_ocr = time.perf_counter() - t1
    out = Path(out_s) / path.parent.name / (path.name.rsplit(".", 1)[0] + ".txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return variant, path.name, t_pre, t_ocr, page.notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variants", default="none,auto")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "ocr-preprocess-bench"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--trial", action="store_true", help="allow auto's trial recognitions")
    ap.add_argument("--only", default="", help="substring filter on file names")
    ap.add_argument("--per-doc", action="store_true", help="list documents whose CER changed")
    ap.add_argument("--notes", action="store_true", help="print what auto chose per page")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 1
    sets = [s for s in args.sets.split(",") if s]
    variants = [v for v in args.variants.split(",") if v]
    images = sorted(
        p
        for s in sets
        for p in (DATA / s).iterdir()
        if p.suffix.lower() in (".png", ".jpg", ".tif") and args.only in p.name
    )
    tasks = []
    for v in variants:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(v).stem)
        tasks += [(v, str(p), str(Path(args.out) / safe), args.trial) for p in images]
    t0 = time.perf_counter()
    pre: dict[str, list[float]] = {v: [] for v in variants}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for variant, name, t_pre, _t_ocr, notes in pool.map(work, tasks):
            pre[variant].append(t_pre)
            if args.notes and variant != "none":
                print(f"{variant:>10} {name:32} {t_pre * 1000:6.0f} ms  {'; '.join(notes)}")
    print(f"OCR of {len(tasks)} pages took {time.perf_counter() - t0:.0f} s")
    table: dict[str, dict[str, float]] = {}
    for v in variants:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(v).stem)
        js = Path(args.out) / f"{safe}.json"
        subprocess.run(
            [
                sys.executable,
                str(SCORE),
                str(DATA),
                str(Path(args.out) / safe),
                "--sets",
                ",".join(sets),
                "--per-doc",
                "--json",
                str(js),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        table[v] = _cers(json.loads(js.read_text()))
    keys = sorted({k for t in table.values() for k in t if not k.startswith("doc:")})
    print(f"{'CER':28}" + "".join(f"{v[-12:]:>13}" for v in variants))
    for k in keys:
        print(f"{k:28}" + "".join(f"{table[v].get(k, float('nan')):13.4f}" for v in variants))
    if args.per_doc and len(variants) > 1:
        base = table[variants[0]]
        print(f"per-document CER changes of more than 0.01 against {variants[0]}:")
        for k in sorted(k for k in base if k.startswith("doc:")):
            row = [table[v].get(k, float("nan")) for v in variants]
            if any(abs(x - row[0]) > 0.01 for x in row[1:]):
                print(f"  {k[4:]:26}" + "".join(f"{x:13.4f}" for x in row))
    print(f"{'median prepare_page s':28}" + "".join(f"{statistics.median(pre[v]):13.3f}" for v in variants))
    return 0


def _cers(data: dict) -> dict[str, float]:  # type: ignore[type-arg]
    """Per-set CER, the rotated test page, and per-document CERs (keys "doc:<id>")."""
    out: dict[str, float] = {}
    for row in data.get("sets", []):
        out[str(row["set"])] = float(row["CER"])
    for row in data.get("docs", []):
        out["doc:" + str(row["doc"])] = float(row["CER"])
        if "rot180" in str(row["doc"]):
            out["phototest_rot180"] = float(row["CER"])
    return out


if __name__ == "__main__":
    raise SystemExit(main())
