"""Builders for test documents (PDF, TIFF, JPEG, damaged files) made from real pages."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

from tests.conftest import DATA


def phototest() -> Image.Image:
    return Image.open(DATA / "tesseract_test" / "phototest.tif").convert("L")


def eurotext() -> Image.Image:
    return Image.open(DATA / "tesseract_test" / "eurotext.tif").convert("L")


def make_pdf(path: Path, pages: list[Image.Image], dpi: int = 200) -> Path:
    """A PDF with each image as one page at ``dpi`` (so rendering at 300 dpi upsamples)."""
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=rgb[1:])
    return path


def make_tiff(path: Path, pages: list[Image.Image], dpi: int = 300) -> Path:
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_lzw")
    return path


def encrypt_pdf(src: Path, dst: Path, *, user: str, owner: str) -> Path:
    import pikepdf

    with pikepdf.open(src) as pdf:
        pdf.save(dst, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return dst


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims ``width`` × ``height`` pixels but holds one tiny IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")
    path.write_bytes(body)
    return path


def truncated_copy(src_bytes: bytes, path: Path, keep: float = 0.5) -> Path:
    path.write_bytes(src_bytes[: int(len(src_bytes) * keep)])
    return path


def encoded(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()
