"""Worn prose: real English paragraphs drawn small, blurred and speckled, read by the real
Tesseract and corrected; words fixed and broken against the known text.

Run:  .venv/bin/python benchmarks/bench_worn_print.py [--pages 60] [--seed 2024] [--jobs 2] [--shared ../shared]

None of the evaluation sets has this kind of page (modern prose, poor print, our own OCR), so
it is where the corrector meets text it was not looked at on. The prose is the standard
library's docstrings on this machine (its own paragraphs, filtered to plain prose; nothing is
copied into the repository), drawn in six faces at sizes and degradations chosen per page from
a seeded generator: the same Python version gives the same pages. Pages Tesseract reads as
garbage (word error rate over 50 %) are left out of the totals. Scores use
../shared/eval/score.py; without it only the timings are printed.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import sys
import sysconfig
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocr_desktop import OcrEngine  # noqa: E402

FONT_DIR = Path("/usr/share/fonts/truetype")
#: face -> text height range (px) after the downscale: thin serif faces fall apart sooner
FACES = {
    "liberation/LiberationSerif-Regular.ttf": (18.5, 23.8),
    "liberation/LiberationSans-Regular.ttf": (16.0, 21.0),
    "dejavu/DejaVuSerif.ttf": (15.0, 20.0),
    "dejavu/DejaVuSans.ttf": (15.0, 20.0),
    "freefont/FreeSerif.ttf": (20.0, 23.8),
    "freefont/FreeSans.ttf": (15.0, 20.0),
}
SIZES = (26, 30, 34)
_SYMBOLS = set("()[]=_{}<>`*#@$%^~|\\/+")
_MAX_PER_MODULE = 5


def _paragraphs(doc: str) -> list[str]:
    """Plain prose paragraphs of a docstring: no code, lists, tables or doctests; 40-120 words."""
    out = []
    for para in re.split(r"\n\s*\n", doc):
        lines = para.split("\n")
        if any(line.startswith((" ", "\t")) or line.lstrip().startswith(("-", "*", ":", ".", "+", "|", "#"))
               for line in lines):
            continue
        text = " ".join(line.strip() for line in lines)
        if not text.isascii() or any(s in text for s in (">>>", "::", "...", "--")):
            continue
        if not 40 <= len(text.split()) <= 120 or sum(ch in _SYMBOLS for ch in text) > 3:
            continue
        if sum(ch.isalpha() or ch == " " for ch in text) / len(text) < 0.93 or sum(ch.isdigit() for ch in text) > 6:
            continue
        if len(re.findall(r"\w\.\w", text.replace("e.g.", "").replace("i.e.", ""))) > 1:
            continue  # dotted names: code, not prose
        out.append(text)
    return out


def pick_paragraphs(n: int, rng: random.Random) -> list[str]:
    """``n`` prose paragraphs spread over the standard library's modules."""
    by_module: dict[str, list[str]] = {}
    seen: set[str] = set()
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node, clean=True)
                for para in _paragraphs(doc or ""):
                    if para not in seen:
                        seen.add(para)
                        by_module.setdefault(path.stem, []).append(para)
    modules = sorted(by_module)
    pools = {m: rng.sample(by_module[m], len(by_module[m]))[:_MAX_PER_MODULE] for m in modules}
    rng.shuffle(modules)
    chosen: list[str] = []
    while len(chosen) < n and any(pools.values()):
        for m in modules:
            if pools[m] and len(chosen) < n:
                chosen.append(pools[m].pop())
    return chosen


def worn_page(text: str, rng: random.Random, seed: int) -> Image.Image:
    """``text`` printed small and read back as a poor scan: downscaled, blurred, speckled, thresholded."""
    face = rng.choice(sorted(FACES))
    lo, hi = FACES[face]
    height = rng.uniform(lo, hi)
    size = rng.choice([s for s in SIZES if 0.45 * s <= height <= 0.70 * s])
    font = ImageFont.truetype(str(FONT_DIR / face), size)
    spacing, margin = size // 3, 2 * size
    box = ImageDraw.Draw(Image.new("L", (1, 1))).multiline_textbbox((0, 0), text, font=font, spacing=spacing)
    img = Image.new("L", (int(box[2]) + 2 * margin, int(box[3]) + 2 * margin), 255)
    ImageDraw.Draw(img).multiline_text((margin, margin), text, font=font, fill=0, spacing=spacing)
    scale = height / size
    small = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.BILINEAR)
    grey = np.asarray(small.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))).astype(float)
    grey += np.random.default_rng(seed).normal(0, rng.uniform(5, 15), grey.shape)
    ink = (grey > rng.choice((140, 150, 160))) * 255
    return Image.fromarray(ink.astype(np.uint8)).resize(img.size, Image.Resampling.NEAREST)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    missing = [f for f in FACES if not (FONT_DIR / f).exists()]
    if missing:
        print(f"fonts missing ({', '.join(missing)}): apt-get install fonts-liberation fonts-dejavu fonts-freefont-ttf")
        return 1
    rng = random.Random(args.seed)
    texts = [textwrap.fill(p, width=60) for p in pick_paragraphs(args.pages, rng)]
    pages = [(t, worn_page(t, random.Random(args.seed * 1000 + i), args.seed * 1000 + i)) for i, t in enumerate(texts)]

    def read(page: tuple[str, Image.Image]) -> tuple[str, str, str, float, float]:
        engine = OcrEngine(user_model=None)
        engine.load_image(np.asarray(page[1]))
        t0 = time.perf_counter()
        raw = engine.recognize()
        t1 = time.perf_counter()
        enhanced = engine.run_postprocessor(raw)
        return page[0], raw.text, enhanced.text, t1 - t0, time.perf_counter() - t1

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        done = list(pool.map(read, pages))
    ocr_s = sorted(d[3] for d in done)
    cor_s = sorted(d[4] for d in done)
    print(f"{len(done)} pages in {time.perf_counter() - t:.0f} s ({args.jobs} at a time): recognition median "
          f"{ocr_s[len(ocr_s) // 2]:.2f} s, correction median {1000 * cor_s[len(cor_s) // 2]:.0f} ms per page")
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"{scorer} not found: words fixed and broken not scored")
        return 0
    sys.path.insert(0, str(scorer.parent))
    from score import Acc, score_doc

    pairs, after = Acc(), Acc()
    kept = 0
    for truth, raw_text, corrected, _, _ in done:
        if score_doc(truth, raw_text).row(False)["WER"] > 0.5:
            continue  # read as garbage: nothing for a corrector to work on
        kept += 1
        pairs.add(score_doc(truth, raw_text, corrected))
        after.add(score_doc(truth, corrected))
    row, fixed = pairs.row(False), pairs.row(True)
    print(f"{kept} pages scored (of {len(done)}), {row['gt_words']} words")
    print(f"raw:       WER {row['WER']:.4f}  CER {row['CER']:.4f}")
    print(f"corrected: WER {after.row(False)['WER']:.4f}  CER {after.row(False)['CER']:.4f}")
    print(f"words fixed {fixed['fixed']}, broken {fixed['broken']} (ignoring case and punctuation: "
          f"{fixed['fixed_l']} / {fixed['broken_l']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
