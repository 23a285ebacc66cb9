"""Loading every supported format, lazily, with clear errors for bad files."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ocr_desktop.core.errors import (
    EncryptedPdfError,
    ImageTooLargeError,
    InputFileError,
    UnsupportedFormatError,
    UsageError,
)
from ocr_desktop.core.image_io import (
    ArrayDocument,
    ImageDocument,
    PdfDocument,
    array_to_page,
    expand_paths,
    open_document,
    trusted_dpi,
)
from tests.helpers import encoded, encrypt_pdf, make_pdf, make_tiff, png_header_only, truncated_copy


def page_image(w: int = 200, h: int = 100, value: int = 255) -> Image.Image:
    img = Image.new("L", (w, h), value)
    img.paste(0, (10, 10, 60, 30))  # a dark block marks the top-left corner
    return img


# ---- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("PNG", ".png"), ("BMP", ".bmp"), ("WEBP", ".webp"), ("TIFF", ".tif"), ("PPM", ".pgm")]
)
def test_lossless_formats_roundtrip(tmp_path: Path, fmt: str, suffix: str) -> None:
    img = page_image()
    path = tmp_path / f"page{suffix}"
    kw = {"lossless": True} if fmt == "WEBP" else {}
    img.save(path, fmt, **kw)
    with open_document(path) as doc:
        assert doc.page_count == 1
        page = doc.page(0)
    assert page.image.dtype == np.uint8
    assert page.image.shape[:2] == (100, 200)
    grey = page.image if page.image.ndim == 2 else page.image.mean(axis=2)
    assert np.array_equal(grey, np.asarray(img)), fmt


def test_jpeg_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = page_image(200, 100).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° CW to display"
    path = tmp_path / "photo.jpg"
    img.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    page = open_document(path).page(0)
    assert page.image.shape[:2] == (200, 100)  # portrait after applying the tag
    # the dark block moved from the top-left to the top-right
    assert page.image[20:50, 72:88].mean() < 80
    assert page.image[20:50, 10:30].mean() > 200


def test_palette_gif_with_transparency_flattens_on_white(tmp_path: Path) -> None:
    img = Image.new("P", (50, 40), 0)
    img.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    img.info["transparency"] = 0
    path = tmp_path / "t.gif"
    img.save(path, transparency=0)
    page = open_document(path).page(0)
    assert page.image.ndim == 3
    assert page.image.min() == 255  # fully transparent → white paper


@pytest.mark.parametrize("mode", ["I;16", "RGBA", "LA", "CMYK", "1", "F"])
def test_unusual_modes_become_uint8(tmp_path: Path, mode: str) -> None:
    base = page_image()
    img = (
        base.convert(mode)
        if mode not in ("I;16", "F")
        else Image.fromarray(
            (np.asarray(base).astype(np.uint16) * 257) if mode == "I;16" else np.asarray(base).astype(np.float32)
        )
    )
    fmt, suffix = ("TIFF", ".tif") if mode in ("I;16", "F", "CMYK") else ("PNG", ".png")
    path = tmp_path / f"m{suffix}"
    img.save(path, fmt)
    page = open_document(path).page(0)
    assert page.image.dtype == np.uint8
    grey = page.image if page.image.ndim == 2 else page.image.mean(axis=2)
    assert grey[15, 15] < 60 and grey[80, 150] > 200, mode


def test_cmyk_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    page_image().convert("CMYK").save(path, "JPEG", quality=95)
    page = open_document(path).page(0)
    assert page.image.shape == (100, 200, 3)
    assert page.image[15, 15].mean() < 80


def test_multipage_tiff_every_page(tmp_path: Path) -> None:
    pages = [page_image(value=v) for v in (255, 200, 150)]
    path = make_tiff(tmp_path / "three.tif", pages)
    doc = open_document(path)
    assert isinstance(doc, ImageDocument)
    assert doc.page_count == 3
    assert [int(doc.page(i).image[90, 190]) for i in range(3)] == [255, 200, 150]
    assert doc.page(1).dpi == 300


def test_pdf_pages_render_at_300_dpi(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "two.pdf", [page_image(400, 200), page_image(200, 400)], dpi=100)
    with open_document(path) as doc:
        assert isinstance(doc, PdfDocument)
        assert doc.page_count == 2
        p1, p2 = doc.page(0), doc.page(1)
    assert p1.dpi == 300
    assert p1.image.shape[:2] == (600, 1200)  # 4×2 inches at 300 dpi
    assert p2.image.shape[:2] == (1200, 600)


def test_pdf_with_owner_password_only_opens(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "p.pdf", [page_image()])
    locked = encrypt_pdf(plain, tmp_path / "owner.pdf", user="", owner="secret")
    with open_document(locked) as doc:
        assert doc.page(0).image.size > 0


def test_pdf_with_user_password_is_refused_clearly(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "p.pdf", [page_image()])
    locked = encrypt_pdf(plain, tmp_path / "user.pdf", user="u", owner="o")
    with pytest.raises(EncryptedPdfError, match="password") as info:
        open_document(locked)
    assert "user.pdf" in info.value.user_message


def test_opening_a_300_page_pdf_is_lazy(tmp_path: Path) -> None:
    img = page_image(850, 1100)
    one = make_pdf(tmp_path / "one.pdf", [img], dpi=100)
    many = make_pdf(tmp_path / "many.pdf", [img] * 300, dpi=100)

    def open_time(p: Path) -> float:
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            doc = open_document(p)
            best = min(best, time.perf_counter() - t0)
            doc.close()
        return best

    with open_document(many) as doc:
        assert doc.page_count == 300
        h, w = doc.page(299).image.shape[:2]
        assert abs(h - 3300) <= 1 and abs(w - 2550) <= 1  # US Letter at 300 dpi
    # generous bound: opening must not render pages (that would be ~300x)
    assert open_time(many) < open_time(one) * 10 + 0.05


def test_dpi_under_100_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "low.png"
    page_image().save(path, dpi=(72, 72))
    assert open_document(path).page(0).dpi is None
    page_image().save(path, dpi=(299.9994, 299.9994))
    assert open_document(path).page(0).dpi == 300
    assert trusted_dpi((96, 96)) is None
    assert trusted_dpi(None) is None


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "scans été" / "日本 語"
    folder.mkdir(parents=True)
    path = folder / "reçu n°1.png"
    page_image().save(path)
    assert open_document(path).page(0).image.shape == (100, 200)


def test_array_document_normalises_input() -> None:
    arr16 = np.arange(60, dtype=np.uint16).reshape(6, 10) * 1000
    doc = ArrayDocument(arr16)
    assert doc.page(0).image.dtype == np.uint8
    rgba = np.zeros((4, 5, 4), np.uint8)
    assert array_to_page(rgba).shape == (4, 5, 3)
    assert array_to_page(rgba).min() == 255  # transparent → white
    with pytest.raises(UsageError):
        array_to_page(np.zeros((0, 5), np.uint8))
    with pytest.raises(UsageError):
        array_to_page(np.zeros((4, 5, 2), np.uint8))


def test_expand_paths_takes_supported_files_from_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    page_image().save(tmp_path / "b.png")
    page_image().save(tmp_path / "sub" / "a.jpg")
    (tmp_path / "notes.txt").write_text("x")
    found = expand_paths([tmp_path])
    assert [p.name for p in found] == ["b.png", "a.jpg"]


# ---- bad input: each gets a clear message naming the file --------------------------------


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file") as info:
        open_document(tmp_path / "nope.png")
    assert "nope.png" in info.value.user_message


def test_directory_passed_as_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="folder"):
        open_document(tmp_path)


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty"):
        open_document(path)


def test_text_file_named_png(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("this is not an image\n" * 20)
    with pytest.raises(UnsupportedFormatError, match="not an image"):
        open_document(path)


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "drawing.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')
    with pytest.raises(UnsupportedFormatError, match="not an image or PDF"):
        open_document(path)


def test_damaged_header_is_called_damaged(tmp_path: Path) -> None:
    good = encoded(page_image(), "PNG")
    path = tmp_path / "scan.png"
    path.write_bytes(good[:16] + b"\x00" * 40 + good[56:])  # magic kept, IHDR destroyed
    with pytest.raises(InputFileError, match="damaged"):
        open_document(path).page(0)


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_truncated_image(tmp_path: Path, fmt: str, suffix: str) -> None:
    rng = np.random.default_rng(0)
    img = Image.fromarray(rng.integers(0, 255, (300, 300), dtype=np.uint8))
    path = truncated_copy(encoded(img, fmt), tmp_path / f"cut{suffix}", keep=0.4)
    with pytest.raises(InputFileError, match=r"damaged|truncated|read") as info:
        open_document(path).page(0)
    assert f"cut{suffix}" in info.value.user_message


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n")
    with pytest.raises(InputFileError, match="PDF"):
        open_document(path)


def test_decompression_bomb(tmp_path: Path) -> None:
    path = png_header_only(tmp_path / "huge.png", 30_000, 30_000)
    with pytest.raises(ImageTooLargeError, match="too large") as info:
        open_document(path)
    assert "huge.png" in info.value.user_message
