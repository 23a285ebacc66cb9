"""The corrector's settings: one frozen value object, defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorrectionSettings:
    """What the post-processor may do.

    ``quotes``: "keep" (default) leaves quotes as read; "straight" turns typographic quotes
    into ASCII ones; "curly" the reverse.
    ``join_hyphenated``: join words split by a hyphen at a line end (``con-`` / ``tinued``).
    Off by default: it reflows lines, and transcriptions that keep the printed line breaks
    (most archives' ground truth) count every join as a broken word.
    ``fix_words``: run the spelling corrector (False: only normalisation).
    ``normalise_whitespace`` / ``normalise_punctuation``: the two layout clean-ups.
    ``max_edits``: the most OCR confusions assumed inside one word (3 lets words of 6+ letters
    take a third; on the post-OCR sets that found 1 more fix in 4 477 words for 15-30 % of the speed).
    ``min_confidence``: Tesseract word confidence under which a kept word is reported as suspect.
    ``trusted_confidence``: confidence at or over which a dictionary word is never replaced.
    """

    quotes: str = "keep"
    join_hyphenated: bool = False
    fix_words: bool = True
    normalise_whitespace: bool = True
    normalise_punctuation: bool = True
    max_edits: int = 2
    min_confidence: float = 60.0
    trusted_confidence: float = 90.0

    def __post_init__(self) -> None:
        if self.quotes not in QUOTE_STYLES:
            from ocr_desktop.core.errors import UsageError

            raise UsageError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}.")


QUOTE_STYLES = ("keep", "straight", "curly")
