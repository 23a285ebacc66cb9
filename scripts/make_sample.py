"""Regenerate resources/samples/sample_with_typos.png (run once; the PNG is committed).

The sample is the seed's line printed like a 300-dpi scan: paper grain, a little blur.
Tesseract's LSTM reads "Th1s" as "This" when the digit is drawn in the same typeface as the
letters (its language model wins), so, as on a page typed with a mixed or damaged font, the
digits come from other faces and stand slightly apart. Needs fonts-freefont-ttf and
fonts-dejavu-core (only to regenerate the sample).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

LINE = "Th1s 1s 4  s@mple w1th typ0s."
FONTS = "/usr/share/fonts/truetype/"
TEXT_FONT = FONTS + "freefont/FreeSerif.ttf"
DIGIT_FONTS = {"1": FONTS + "dejavu/DejaVuSans-Bold.ttf", "0": FONTS + "dejavu/DejaVuSerifCondensed.ttf"}
SIZE = 40  # px: 9.6 pt at 300 dpi
DIGIT_PAD = 2  # px either side of a digit


def render(out: Path, seed: int = 1) -> None:
    text_font = ImageFont.truetype(TEXT_FONT, SIZE)
    digit_fonts = {c: ImageFont.truetype(f, SIZE) for c, f in DIGIT_FONTS.items()}
    margin = 90
    canvas = Image.new("L", (3000, SIZE * 2 + 2 * margin), 255)
    draw = ImageDraw.Draw(canvas)
    baseline = margin + text_font.getmetrics()[0]
    x = float(margin)
    for ch in LINE:
        font = digit_fonts.get(ch, text_font)
        pad = DIGIT_PAD if ch in digit_fonts else 0
        x += pad
        draw.text((x, baseline - font.getmetrics()[0]), ch, font=font, fill=20)
        x += font.getlength(ch) + pad
    img = canvas.crop((0, 0, int(x) + margin, canvas.height)).filter(ImageFilter.GaussianBlur(0.5))
    rng = np.random.default_rng(seed)
    arr = np.asarray(img, dtype=np.float32) * 0.92 + 12 + rng.normal(0, 9, (img.height, img.width))
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(out, dpi=(300, 300), optimize=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/samples/sample_with_typos.png")
    render(target)
    print(target)
