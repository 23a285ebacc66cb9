"""The corrector's settings: one frozen value object, defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorrectionSettings:
    """What the post-processor may do.

    ``curly_quotes``: True turns straight quotes into typographic ones, False (default) the reverse.
    ``join_hyphenated``: join words split by a hyphen at a line end (``con-`` / ``tinued``).
    ``fix_words``: run the spelling corrector (False: only normalisation).
    ``normalise_whitespace`` / ``normalise_punctuation``: the two layout clean-ups.
    ``max_edits``: the most OCR confusions assumed inside one word.
    ``min_confidence``: Tesseract word confidence under which a kept word is reported as suspect.
    ``trusted_confidence``: confidence at or over which a dictionary word is never replaced.
    """

    curly_quotes: bool = False
    join_hyphenated: bool = True
    fix_words: bool = True
    normalise_whitespace: bool = True
    normalise_punctuation: bool = True
    max_edits: int = 3
    min_confidence: float = 60.0
    trusted_confidence: float = 90.0
