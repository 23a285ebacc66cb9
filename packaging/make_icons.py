"""Draw the OCR Desktop app icon with Pillow and write it in every size the platforms want.

Reproducible: no downloaded art, no fonts, only shapes; the same Pillow gives the same bytes.
Run ``python packaging/make_icons.py [OUT_DIR]`` after changing the drawing; the outputs are committed:

* ``resources/app/ocr-desktop-<N>.png`` for N in SIZES (the window icon, the Linux hicolor theme)
* ``resources/app/ocr-desktop.ico`` (Windows: exe and window) and ``resources/app/ocr-desktop.icns`` (macOS)

The drawing: a white page with a folded corner and lines of "text" on a blue rounded tile,
and a magnifying glass whose lens shows the text lines sharper — "reading a page".
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MASTER = 1024
OUT = Path(__file__).resolve().parent.parent / "resources" / "app"

BLUE = (37, 99, 235, 255)
BLUE_DARK = (29, 78, 216, 255)
PAGE = (255, 255, 255, 255)
FOLD = (203, 213, 225, 255)
INK = (51, 65, 85, 255)
LENS_RIM = (15, 23, 42, 255)
LENS_GLASS = (224, 242, 254, 235)
HANDLE = (245, 158, 11, 255)


def draw_master(size: int = MASTER) -> Image.Image:
    """The icon at ``size`` px, drawn at 4x and downsampled for smooth edges."""
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def u(v: float) -> int:  # drawing units: 0..100 across the tile
        return round(v * s / 100)

    # tile with a darker bottom band for depth
    d.rounded_rectangle((u(4), u(4), u(96), u(96)), radius=u(20), fill=BLUE_DARK)
    d.rounded_rectangle((u(4), u(4), u(96), u(92)), radius=u(20), fill=BLUE)

    # the page, top-right corner folded
    left, top, right, bottom, fold = 22, 14, 72, 84, 14
    d.polygon(
        [(u(left), u(top)), (u(right - fold), u(top)), (u(right), u(top + fold)), (u(right), u(bottom)),
         (u(left), u(bottom))],
        fill=PAGE,
    )
    d.polygon([(u(right - fold), u(top)), (u(right - fold), u(top + fold)), (u(right), u(top + fold))], fill=FOLD)

    # text lines on the page
    line_w = u(3.6)
    for i, (x0, x1) in enumerate(((28, 52), (28, 66), (28, 62), (28, 66), (28, 58), (28, 46))):
        y = 32 + i * 8.5
        d.rounded_rectangle((u(x0), u(y), u(x1), u(y) + line_w), radius=line_w // 2, fill=INK)

    # magnifying glass: handle first, then lens over it
    cx, cy, r = 62, 60, 17
    hx0, hy0 = cx + r * 0.62, cy + r * 0.62
    d.line((u(hx0), u(hy0), u(88), u(86)), fill=HANDLE, width=u(9))
    d.ellipse((u(88 - 4.5), u(86 - 4.5), u(88 + 4.5), u(86 + 4.5)), fill=HANDLE)
    d.ellipse((u(cx - r), u(cy - r), u(cx + r), u(cy + r)), fill=LENS_RIM)
    gr = r - 3.5
    d.ellipse((u(cx - gr), u(cy - gr), u(cx + gr), u(cy + gr)), fill=LENS_GLASS)
    # magnified text inside the lens (thicker lines), clipped to the glass by a mask
    lens = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    ld = ImageDraw.Draw(lens)
    thick = u(5.5)
    for y, x1 in ((cy - 8, cx + 10), (cy, cx + 6), (cy + 8, cx + 11)):
        ld.rounded_rectangle((u(cx - 11), u(y) - thick // 2, u(x1), u(y) + thick // 2), radius=thick // 2, fill=INK)
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).ellipse((u(cx - gr + 1), u(cy - gr + 1), u(cx + gr - 1), u(cy + gr - 1)), fill=255)
    img.paste(lens, (0, 0), Image.composite(lens, Image.new("RGBA", (s, s)), mask).getchannel("A"))
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else OUT
    out.mkdir(parents=True, exist_ok=True)
    master = draw_master(MASTER)
    for n in SIZES:
        master.resize((n, n), Image.Resampling.LANCZOS).save(out / f"ocr-desktop-{n}.png", optimize=True)
    master.save(out / "ocr-desktop.ico", sizes=[(n, n) for n in ICO_SIZES])
    master.save(out / "ocr-desktop.icns")
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
