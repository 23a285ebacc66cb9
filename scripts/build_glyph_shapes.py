"""Learn which letters look alike in print, to help the corrector with engines other than Tesseract.

Run:  .venv/bin/python scripts/build_glyph_shapes.py     (writes resources/correction/glyph_shapes.json)

The confusion table (scripts/train_confusions.py) says how Tesseract misreads clean renderings.
Old newspapers, faxes and other engines' output (ABBYY in most archives) misread by shape far more
often: ``e``/``c``/``o``, ``n``/``u``, ``h``/``li``/``b``, ``m``/``rn``/``in``. This script measures shape
likeness directly: every lower-case letter and letter pair is drawn in the training fonts, cropped
to its ink, scaled to one box and compared pixel by pixel (1 - L1 distance / ink). Which strings a
letter is mistaken for, once it is misread, is then a softmax over likeness; its one sharpness
parameter is fitted by maximum likelihood to Tesseract's own substitution counts in
confusions.json (never to evaluation data). The result lists, per intended string, the share of
its misreadings each look-alike takes. Deterministic: no randomness, fixed fonts and sizes.
"""

from __future__ import annotations

import json
import math
import string
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_confusions import FONT_NAMES, find_fonts

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "correction" / "glyph_shapes.json"
CONFUSIONS = ROOT / "resources" / "correction" / "confusions.json"
LETTERS = string.ascii_lowercase
#: the box every rendering is scaled to: narrow and tall, like a letter (width, height)
BOX = (24, 42)
FONT_SIZE = 40
#: look-alikes kept per intended string: the rest share too little to matter
TOP = 8
#: ... and only those taking at least this share (below it, the corrector's search floor cuts them anyway)
MIN_SHARE = 0.005


def _render(text: str, font: ImageFont.FreeTypeFont) -> np.ndarray:
    """The inked shape stretched to the box: print is condensed and spaced unevenly, and an engine
    that splits a line into glyph cells compares what fills a cell (``rn`` filling an ``m``'s).
    Keeping each shape's own width instead gave fewer right fixes on synthetic look-alike
    misreadings (1 707 against 1 760 of 6 000) and a flatter fit (sharpness 11.5)."""
    img = Image.new("L", (4 * FONT_SIZE, 2 * FONT_SIZE), 255)
    ImageDraw.Draw(img).text((FONT_SIZE // 4, FONT_SIZE // 8), text, font=font, fill=0)
    ink = np.asarray(img) < 128
    cols = np.flatnonzero(ink.any(axis=0))
    # the height stays the whole line box: x-height, ascenders and descenders are part of a shape
    ink = ink[:, cols[0] : cols[-1] + 1]
    scaled = Image.fromarray((ink * 255).astype(np.uint8)).resize(BOX, Image.Resampling.BILINEAR)
    return np.asarray(scaled, dtype=np.float32).ravel() / 255.0


def likeness(items: list[str], fonts: list[str]) -> np.ndarray:
    """Mean over fonts of 1 - |a - b|_1 / (|a|_1 + |b|_1) between the renderings of every two items."""
    total = np.zeros((len(items), len(items)), dtype=np.float64)
    for path in fonts:
        font = ImageFont.truetype(path, FONT_SIZE)
        v = np.stack([_render(s, font) for s in items])
        ink = v.sum(axis=1)
        for i in range(len(items)):
            dist = np.abs(v - v[i]).sum(axis=1)
            total[i] += 1.0 - dist / np.maximum(ink + ink[i], 1.0)
    return total / len(fonts)


def tesseract_counts(items: list[str]) -> list[tuple[int, int, float]]:
    """(intended index, observed index, count) of Tesseract's misreadings between the items."""
    index = {s: i for i, s in enumerate(items)}
    data = json.loads(CONFUSIONS.read_text(encoding="utf-8"))
    out = []
    for s, d, n in data["confusions"]:
        if s != d and s in index and d in index and (len(s) == 1 or len(d) == 1):
            out.append((index[s], index[d], float(n)))
    return out


def shares(sim: np.ndarray, k: float, rows: list[int], targets: np.ndarray) -> np.ndarray:
    """P(observed | intended, misread) for the given intended rows, over the target columns."""
    logits = k * sim[np.ix_(rows, targets)]
    mask = np.asarray(rows)[:, None] == targets[None, :]
    logits[mask] = -np.inf
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def _targets(intended: int, n_letters: int, n_items: int) -> np.ndarray:
    """What a misread letter may come out as (any other letter or pair); a pair: a letter."""
    return np.arange(n_items) if intended < n_letters else np.arange(n_letters)


def fit_sharpness(sim: np.ndarray, counts: list[tuple[int, int, float]]) -> float:
    """The k that makes Tesseract's counted misreadings likeliest under softmax(k * likeness)."""
    n_letters, n_items = len(LETTERS), len(sim)
    best_k, best_ll = 1.0, -math.inf
    for k in np.arange(1.0, 60.5, 0.5):
        ll = 0.0
        for a, b, n in counts:
            p = shares(sim, float(k), [a], _targets(a, n_letters, n_items))[0]
            ll += n * math.log(max(float(p[b]), 1e-12))
        if ll > best_ll:
            best_k, best_ll = float(k), ll
    return best_k


_ITEMS: list[str] = list(LETTERS) + [a + b for a in LETTERS for b in LETTERS]


def main() -> int:
    fonts = find_fonts()
    if len(fonts) != len(FONT_NAMES):
        # another font set gives another table: a rebuild must be the same everywhere
        sys.exit("all training fonts are needed: "
                 "apt-get install fonts-liberation fonts-freefont-ttf fonts-dejavu-extra")
    items = _ITEMS
    sim = likeness(items, fonts)
    counts = tesseract_counts(items)
    k = fit_sharpness(sim, counts)
    entries: list[list[object]] = []
    # a letter misread as another letter or as a pair (m -> rn); a pair misread as a letter (li -> h)
    for r in range(len(items)):
        targets = _targets(r, len(LETTERS), len(items))
        row = shares(sim, k, [r], targets)[0]
        for j in np.argsort(-row, kind="stable")[:TOP]:
            if row[j] >= MIN_SHARE:
                entries.append([items[r], items[int(targets[j])], round(float(row[j]), 5)])
    head = {
        "about": "P(observed | intended, misread) by printed shape; built by scripts/build_glyph_shapes.py, "
                 "do not edit by hand",
        "fonts": [Path(f).name for f in fonts],
        "sharpness": k,
        "fitted_on": f"{len(counts)} Tesseract misreading kinds in confusions.json",
    }
    # one entry per line: readable diffs when the table is rebuilt
    body = ",\n".join(json.dumps(e) for e in entries)
    OUT.write_text(json.dumps(head, indent=1)[:-2] + ',\n "shares": [\n' + body + "\n]}\n", encoding="utf-8")
    print(f"sharpness {k}, {len(entries)} entries -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
