"""numpy ↔ QImage: the only module that knows both worlds.

Everything here is safe to call from worker threads (QImage, unlike QPixmap, is not tied to
the GUI thread). Images are converted to ``Format_RGB32`` off the GUI thread so that painting
them later costs no format conversion on the GUI thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def array_to_qimage(array: np.ndarray) -> QImage:
    """uint8 grey (H, W), RGB (H, W, 3) or RGBA (H, W, 4) → a QImage that owns its pixels."""
    arr = np.ascontiguousarray(array)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        h, w = arr.shape
        img = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_Grayscale8)
    elif arr.ndim == 3 and arr.shape[2] == 3:
        h, w, _ = arr.shape
        img = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_RGB888)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        h, w, _ = arr.shape
        img = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_RGBA8888)
    else:
        raise ValueError(f"cannot show an image of shape {arr.shape}")
    # the QImage above borrows numpy's buffer; copy() detaches it
    return img.copy()


class DisplayImage:
    """A QImage in the raster engine's native format, plus the buffer it points into.

    Built off the GUI thread with Pillow, which releases Python's GIL while it converts
    pixels (Qt's own conversions hold it, which stalls the GUI thread for tens of
    milliseconds on a 300-dpi page). The QImage shares ``buffer``; keep this object alive
    as long as the image is shown.
    """

    __slots__ = ("buffer", "image")

    def __init__(self, image: QImage, buffer: bytes | None = None) -> None:
        self.image = image
        self.buffer = buffer

    @property
    def width(self) -> int:
        return self.image.width()

    @property
    def height(self) -> int:
        return self.image.height()


def array_to_display_image(array: np.ndarray) -> DisplayImage:
    """uint8 grey/RGB/RGBA array → DisplayImage (Format_RGB32). Call off the GUI thread."""
    from PIL import Image

    arr = np.ascontiguousarray(array)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    pil = Image.fromarray(arr)
    if pil.mode != "RGB":
        pil = pil.convert("RGB")
    h, w = arr.shape[:2]
    buffer = pil.tobytes("raw", "BGRX")  # little-endian 0xffRRGGBB = QImage.Format_RGB32
    image = QImage(buffer, w, h, w * 4, QImage.Format.Format_RGB32)
    return DisplayImage(image, buffer)


def thumbnail(array: np.ndarray, max_side: int = 128) -> QImage:
    """A small preview image (Pillow does the resampling, without holding the GIL)."""
    from PIL import Image

    pil = Image.fromarray(np.ascontiguousarray(array))
    if pil.mode not in ("L", "RGB"):
        pil = pil.convert("RGB")
    pil.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return array_to_qimage(np.asarray(pil)).convertToFormat(QImage.Format.Format_RGB32)


def _bits(img: QImage, channels: int) -> np.ndarray:
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    rows = buf.reshape(h, img.bytesPerLine())[:, : w * channels]
    return rows.reshape(h, w, channels) if channels > 1 else rows


def qimage_to_array(image: QImage) -> np.ndarray:
    """A QImage (from the clipboard, say) → uint8 grey (H, W) or RGB (H, W, 3); alpha flattened on white."""
    if image.isNull():
        raise ValueError("the image is empty")
    if image.format() == QImage.Format.Format_Grayscale8:
        return np.array(_bits(image, 1), copy=True)
    if not image.hasAlphaChannel():
        return np.array(_bits(image.convertToFormat(QImage.Format.Format_RGB888), 3), copy=True)
    rgba = _bits(image.convertToFormat(QImage.Format.Format_RGBA8888), 4)
    alpha = rgba[:, :, 3:4].astype(np.uint16)
    rgb = (rgba[:, :, :3].astype(np.uint16) * alpha + 255 * (255 - alpha) + 127) // 255
    return np.ascontiguousarray(rgb.astype(np.uint8))
