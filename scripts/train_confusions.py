"""Learn Tesseract's character confusions: render words, degrade them like scans, OCR, align, count.

Run:  .venv/bin/python scripts/train_confusions.py            (writes resources/correction/confusions.json)
      .venv/bin/python scripts/train_confusions.py --lines 300 --out /tmp/c.json   (quick try)

Needs the Debian fonts fonts-liberation, fonts-freefont-ttf and fonts-dejavu-extra (training only)
and the real ``tesseract`` with ``eng``. Deterministic for a given seed, font set and Tesseract
version: every random choice comes from one seeded generator and each line's image from its own
seed, so parallel workers do not change the result.

Receipts, forms and headings print in capitals, which the mixed lines show too rarely to learn
their misreadings (D read as O in ORDER, I as T): ``--caps-lines`` more lines are drawn in capitals,
by a generator of their own, so the other lines stay the same with or without them.

Training words come only from pyspellchecker's shipped frequency list (plus generated numbers and
amounts, so that digit/letter confusions are seen in both directions). No text from the machine
or from ../shared/data is used.

What is counted: the OCR output of each rendered line is aligned to the input at character level;
adjacent differing operations are merged into one chunk (``m`` -> ``rn``, ``d`` -> ``cl``), and every
chunk of at most 3 characters on each side is counted as ``intended -> observed``. Occurrences of
every intended 1- and 2-character substring are counted too, so the corrector can turn counts into
P(observed | intended).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.resources
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "resources" / "correction" / "confusions.json"
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/freefont", "/usr/share/fonts/truetype/dejavu"
)
#: font files used; chosen to cover serif, sans and mono faces in roman, bold and italic
FONT_NAMES = (
    "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
    "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationMono-Regular.ttf",
    "FreeSerif.ttf", "FreeSerifItalic.ttf", "FreeSans.ttf", "FreeMono.ttf",
    "DejaVuSerif.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf",
)
MAX_CHUNK = 3
#: characters rendered alone in the glyph phase: letters, digits and the symbols OCR confuses with them
GLYPHS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$|!"
TESSERACT_TIMEOUT_S = 30


def find_fonts() -> list[str]:
    found = []
    for name in FONT_NAMES:
        for d in FONT_DIRS:
            p = Path(d) / name
            if p.exists():
                found.append(str(p))
                break
    if len(found) < 4:
        sys.exit("too few fonts: apt-get install fonts-liberation fonts-freefont-ttf fonts-dejavu-extra")
    return found


def training_words(n_top: int) -> tuple[list[str], np.ndarray]:
    """The ``n_top`` most frequent alphabetic words of pyspellchecker's English list, with weights."""
    raw = (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    freq: dict[str, int] = json.loads(gzip.decompress(raw))
    words = sorted((w for w in freq if w.isalpha() and w.isascii()), key=lambda w: -freq[w])[:n_top]
    # square-root weighting: frequent words dominate less than in running text, so the
    # rarer letters (q, x, z, j) and longer words are seen often enough to count
    weights = np.sqrt(np.array([freq[w] for w in words], dtype=np.float64))
    return words, weights / weights.sum()


def make_token(rng: np.random.Generator, words: list[str], weights: np.ndarray) -> str:
    r = rng.random()
    if r < 0.08:  # numbers, amounts, times and dates: digit confusions in their own habitat
        kind = rng.integers(4)
        if kind == 0:
            return str(rng.integers(0, 10000))
        if kind == 1:
            return f"{rng.integers(0, 1000)}.{rng.integers(0, 100):02d}"
        if kind == 2:
            return f"{rng.integers(0, 24):02d}:{rng.integers(0, 60):02d}"
        return f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1990, 2030)}"
    w = words[int(rng.choice(len(words), p=weights))]
    r = rng.random()
    if r < 0.15:
        w = w.capitalize()
    elif r < 0.20:
        w = w.upper()
    if rng.random() < 0.12:
        w += str(rng.choice([",", ".", ";", ":", "'s", "!", "?"]))
    return w


def render(text: str, font_path: str, seed: int) -> Image.Image:
    """Render one line and degrade it: size, blur, ink spread or erosion, noise, low resolution."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(20, 44))
    font = ImageFont.truetype(font_path, size)
    left, top, right, bottom = font.getbbox(text)
    margin = 20
    img = Image.new("L", (right - left + 2 * margin, bottom - top + 2 * margin), 255)
    ImageDraw.Draw(img).text((margin - left, margin - top), text, font=font, fill=int(rng.integers(0, 60)))
    if rng.random() < 0.5:  # print at a lower resolution than the scan: blocky glyphs
        f = float(rng.uniform(0.45, 0.8))
        small = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))), Image.Resampling.BILINEAR)
        img = small.resize(img.size, Image.Resampling.BILINEAR)
    img = img.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.3, 1.6))))
    r = rng.random()
    if r < 0.25:
        img = img.filter(ImageFilter.MinFilter(3))  # ink spread: letters fuse (rn -> m)
    elif r < 0.45:
        img = img.filter(ImageFilter.MaxFilter(3))  # faint print: strokes break (m -> rn, e -> c)
    arr = np.asarray(img, dtype=np.float32)
    # draw order matters for reproducibility: contrast, paper tone, then sensor noise
    contrast, paper = float(rng.uniform(0.75, 0.95)), float(rng.uniform(10, 50))
    arr = arr * contrast + paper + rng.normal(0, float(rng.uniform(3, 20)), arr.shape)
    speckle = rng.random(arr.shape)
    arr[speckle < 0.004] = 0  # dust
    arr[speckle > 0.996] = 255  # drop-outs
    if rng.random() < 0.3:  # bilevel scan
        arr = np.where(arr < float(rng.uniform(110, 170)), 0, 255).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.3:
        out = out.rotate(float(rng.uniform(-1.5, 1.5)), resample=Image.Resampling.BILINEAR, fillcolor=255, expand=True)
    return out


#: Tesseract options for lines read without its word lists: the shape classifier's own confusions
#: (digits for letters and back) that the dictionary hides on prose but not on names, codes, receipts
NO_DICTIONARY = ["-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"]


def ocr(img: Image.Image, tmpdir: str, idx: int | str, no_dictionary: bool, psm: str = "7") -> str:
    path = os.path.join(tmpdir, f"line{idx}.png")
    img.save(path)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        res = subprocess.run(
            ["tesseract", path, "stdout", "--psm", psm, "-l", "eng", *(NO_DICTIONARY if no_dictionary else [])],
            capture_output=True, text=True, timeout=TESSERACT_TIMEOUT_S, env=env, check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    finally:
        os.unlink(path)
    return " ".join(res.stdout.split())


def chunks(intended: str, observed: str) -> list[tuple[str, str]]:
    """Merged differing stretches of the alignment, as (intended, observed) pairs."""
    out: list[tuple[str, str]] = []
    cur_s: list[str] = []
    cur_d: list[str] = []
    for op in Levenshtein.opcodes(intended, observed):
        if op.tag == "equal":
            if cur_s or cur_d:
                out.append(("".join(cur_s), "".join(cur_d)))
                cur_s, cur_d = [], []
            continue
        cur_s.append(intended[op.src_start : op.src_end])
        cur_d.append(observed[op.dest_start : op.dest_end])
    if cur_s or cur_d:
        out.append(("".join(cur_s), "".join(cur_d)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=3000, help="rendered lines (default 3000)")
    ap.add_argument("--words-per-line", type=int, default=6)
    ap.add_argument("--vocabulary", type=int, default=20000, help="most frequent words to draw from")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--glyph-reps", type=int, default=40, help="renderings of each single character")
    ap.add_argument("--no-dict", type=float, default=0.4, help="share of lines read without word lists")
    ap.add_argument("--caps-lines", type=int, default=600,
                    help="extra lines in capitals, as receipts and forms print them (default 600)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    fonts = find_fonts()
    words, weights = training_words(args.vocabulary)
    rng = np.random.default_rng(args.seed)
    jobs = []
    for i in range(args.lines):
        text = " ".join(make_token(rng, words, weights) for _ in range(args.words_per_line))
        jobs.append((i, text, fonts[i % len(fonts)], int(rng.integers(2**31)), bool(rng.random() < args.no_dict)))

    # lines in capitals (receipts, forms, headings): drawn by a generator of their own, so that the
    # lines above stay exactly what they were without them
    caps_rng = np.random.default_rng(args.seed + 1)
    for i in range(args.lines, args.lines + args.caps_lines):
        text = " ".join(make_token(caps_rng, words, weights).upper() for _ in range(args.words_per_line))
        seed = int(caps_rng.integers(2**31))
        jobs.append((i, text, fonts[i % len(fonts)], seed, bool(caps_rng.random() < args.no_dict)))

    with tempfile.TemporaryDirectory() as tmpdir, ThreadPoolExecutor(args.jobs) as pool:
        outputs = list(pool.map(lambda j: ocr(render(j[1], j[2], j[3]), tmpdir, j[0], j[4]), jobs))

    conf: Counter[tuple[str, str]] = Counter()
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    lost = 0
    for (_, text, _, _, _), out in zip(jobs, outputs, strict=True):
        # a line Tesseract mostly failed on teaches noise, not confusions
        if not out or Levenshtein.normalized_distance(text, out) > 0.5:
            lost += 1
            continue
        unigrams.update(text)
        bigrams.update(text[i : i + 2] for i in range(len(text) - 1))
        for s, d in chunks(text, out):
            if (0 < len(s) <= MAX_CHUNK and len(d) <= MAX_CHUNK) or (len(s) == 0 and 0 < len(d) <= MAX_CHUNK):
                conf[(s, d)] += 1

    # glyph phase: single characters, no word context and no word lists, so the shape classifier's
    # own confusions show (o/0/O, l/1/I, S/5, B/8 ...). In-word training above rarely shows them
    # because Tesseract's language model repairs them; they still happen on codes, names and
    # receipts, and they give the corrector a shape-based prior for edits the lines never showed.
    glyph_jobs = []
    for c in GLYPHS:
        for k in range(args.glyph_reps):
            glyph_jobs.append((f"g{ord(c)}_{k}", c, fonts[(k * 5 + ord(c)) % len(fonts)], int(rng.integers(2**31))))
    with tempfile.TemporaryDirectory() as tmpdir, ThreadPoolExecutor(args.jobs) as pool:
        glyph_out = list(pool.map(lambda j: ocr(render(j[1], j[2], j[3]), tmpdir, j[0], True, "10"), glyph_jobs))
    glyphs: Counter[tuple[str, str]] = Counter()
    for (_, c, _, _), out in zip(glyph_jobs, glyph_out, strict=True):
        glyphs[(c, out.replace(" ", "")[:MAX_CHUNK])] += 1

    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False).stdout
    version = version.split("\n")[0]
    table = {
        "about": "P(observed | intended) counts learned by scripts/train_confusions.py; do not edit by hand",
        "tesseract": version,
        "fonts": [Path(f).name for f in fonts],
        "lines": args.lines,
        "caps_lines": args.caps_lines,
        "lines_skipped": lost,
        "seed": args.seed,
        "no_dictionary_share": args.no_dict,
        "chars": dict(sorted(unigrams.items())),
        # only the 2-character contexts that some learned chunk starts from are needed
        "pairs": {k: v for k, v in sorted(bigrams.items()) if any(s == k for s, _ in conf)},
        "confusions": [[s, d, n] for (s, d), n in sorted(conf.items(), key=lambda x: (-x[1], x[0]))],
        "glyph_reps": args.glyph_reps,
        # [intended, observed, count] for single rendered characters, correct readings included
        "glyphs": [[s, d, n] for (s, d), n in sorted(glyphs.items(), key=lambda x: (x[0][0], -x[1], x[0][1]))],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(conf)} confusions from {len(jobs) - lost} lines ({lost} skipped) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
