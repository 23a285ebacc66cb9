"""The one error hierarchy of OCR Desktop.

Every error carries a ``user_message`` that a person can act on (the GUI shows it, the CLI
prints it) and the CLI exit code it maps to. Library code raises these instead of letting
third-party exceptions escape, so front ends need a single ``except OcrDesktopError``.
"""

from __future__ import annotations


class OcrDesktopError(Exception):
    """Base class. ``user_message`` is shown to people; ``str(err)`` is the same text."""

    exit_code: int = 1

    def __init__(self, user_message: str, *, detail: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        #: technical detail for the log file (stderr of a tool, exception text, ...)
        self.detail = detail


class UsageError(OcrDesktopError):
    """The caller asked for something impossible (bad page range, unknown option value)."""

    exit_code = 2


class InputFileError(OcrDesktopError):
    """A file could not be opened or decoded. ``path`` names it."""

    def __init__(self, path: object, reason: str, *, detail: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}", detail=detail)


class UnsupportedFormatError(InputFileError):
    """The file is readable but is not an image or PDF we can handle."""


class ImageTooLargeError(InputFileError):
    """The image exceeds the decompression-bomb limit."""


class EncryptedPdfError(InputFileError):
    """The PDF needs a user password to open."""


class TesseractError(OcrDesktopError):
    """Base for everything that went wrong inside the Tesseract process."""


class TesseractNotFoundError(TesseractError):
    """No Tesseract executable could be found."""

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(
            "Tesseract OCR is not installed or could not be found. Install it with "
            "'sudo apt-get install tesseract-ocr tesseract-ocr-eng' (Debian/Ubuntu), "
            "'brew install tesseract' (macOS) or the installer from the Tesseract project "
            "(Windows), or set the TESSERACT_CMD environment variable to its path.",
            detail=detail,
        )


class TesseractTimeoutError(TesseractError):
    """Tesseract did not finish within the allotted time and was stopped."""


class TesseractFailedError(TesseractError):
    """Tesseract exited with an error (crash, bad language data, ...)."""


class LanguageNotAvailableError(TesseractError):
    """The requested OCR language is not installed."""

    exit_code = 2


class CancelledError(OcrDesktopError):
    """The user cancelled the operation. Not a failure: front ends show it quietly."""

    exit_code = 130


class ProcessingError(OcrDesktopError):
    """Image preprocessing could not handle this image."""


class UserModelError(OcrDesktopError):
    """The per-user correction model could not be read or written."""


class ExportError(OcrDesktopError):
    """Writing the output failed (disk full, permission denied, ...)."""
