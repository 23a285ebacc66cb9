"""Do-no-harm policy: which tokens may change, and how sure the model must be.

The numbers are log-probability margins of the noisy-channel score (channel + language model).
They were set from first principles and checked on generated sentences, never fitted to the
evaluation data: a change must be clearly likelier than keeping the token, and a real word needs
far more evidence than a non-word, because replacing a right word is the worst thing we can do.
"""

from __future__ import annotations

import re

#: log P of a specific unknown all-letter token being right as written (rare word, name, archaism):
#: about as likely as a word seen once in ten million
LOG_P_UNKNOWN_WORD = -16.0
#: the same for a token with digits or @ $ | inside letters: almost never right
LOG_P_UNKNOWN_MIXED = -28.0
#: a non-word is replaced when the best candidate beats keeping it by this margin ...
NONWORD_MARGIN = 2.0
#: ... and beats the runner-up by this one (else: a suspect, "no-safe-fix")
RUNNER_UP_MARGIN = 1.5
#: a dictionary word is replaced only with this much more evidence (about 1000 : 1)
REAL_WORD_MARGIN = 7.0
#: a real-word change also needs the context to prefer the candidate by this much
REAL_WORD_MIN_CONTEXT_GAIN = 2.0
#: a lone digit between words becomes a word only when both its bigrams are listed and
#: the context prefers it by this much
LONE_DIGIT_MIN_PMI = 3.0
#: Tesseract confidence scaling: below ``min_confidence`` margins shrink by this much
LOW_CONFIDENCE_BONUS = 1.0

_ORDINAL_OR_UNIT_RE = re.compile(
    r"^\d+(?:st|nd|rd|th|s|d|m|km|cm|mm|kg|g|mg|l|ml|h|min|am|pm|x|k|mb|gb|kb|px|pt|v|w|hz|khz|mhz)$",
    re.IGNORECASE,
)


def is_ordinal_or_unit(text: str) -> bool:
    """``21st``, ``10kg``, ``4s`` (shillings), ``3pm``: numbers with a unit, not OCR errors."""
    return bool(_ORDINAL_OR_UNIT_RE.match(text))


def looks_like_code(text: str) -> bool:
    """Upper-case letters with digits (``A4``, ``COVID19``, ``B2B``): a code, not a word."""
    letters = [c for c in text if c.isalpha()]
    return (bool(letters) and all(c.isupper() for c in letters)) or text[:2].isdigit()


def is_abbreviation(piece: str, following: str) -> bool:
    """``Mr.``, ``Co.``, ``viz.``, ``U.S.``, ``e.g.``: short token closed by a full stop."""
    return following.startswith(".") and len(piece) <= 4
