"""Words in capitals with a digit drawn like a letter: ``T0TAL``, ``INV0ICE``, ``CA5H``, ``Y0U``.

Receipts and forms print headings and labels in capitals, where O and 0, I and 1, S and 5, B and
8 are drawn nearly alike; Tesseract often reads the digit. Such a token looks like a code
(letters and digits), so it is protected from the word corrector, whose channel would weigh
each edit anyway. Here it is read back only when putting the look-alike letters in makes one
dictionary word and the token as printed is none: codes keep their digits (``A4``, ``MP3``,
``COVID19``, ``B2B``, ``H2O``: a digit at the end, or one that looks like no letter), and so do
tokens where two different words could come out, and three-sign tokens unless they stand beside a
word in capitals (``THANK Y0U``; ``T0P`` alone stays).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from ocr_desktop.core.models import Correction

from .tokens import DIGIT_LETTERS, EDGE_PUNCT, Chunk

#: the digits a capital letter is misread as, and the capitals they may stand for
_LOOKALIKES = {d: letters.upper() for d, letters in DIGIT_LETTERS.items()}
#: a capital first, capitals and look-alike digits after it, a capital last: at least 3 signs
_SHAPE_RE = re.compile(r"^[A-Z][A-Z0158]*[0158][A-Z0158]*[A-Z]$")
#: two different digits side by side are a number, as in a numeronym (L10N, I18N): no misreading
_NUMBER_INSIDE_RE = re.compile(r"(\d)(?!\1)\d")


def capital_word_corrections(chunk_list: list[Chunk], is_word: Callable[[str], bool],
                             is_common: Callable[[str], bool]) -> list[Correction]:
    """Repairs of the protected chunks whose core is a word in capitals with look-alike digits
    (``is_word`` and ``is_common`` take lower case; a three-sign token must become a common word:
    ``Y0U`` is YOU, ``B1B`` stays a code)."""
    out: list[Correction] = []
    for i, ch in enumerate(chunk_list):
        if not ch.protected:
            continue  # an unprotected token is the word corrector's
        core = ch.text.strip(EDGE_PUNCT)
        if not core or not _SHAPE_RE.match(core):
            continue
        digits = sum(c.isdigit() for c in core)
        if digits * 2 > len(core) or is_word(core.lower()) or _NUMBER_INSIDE_RE.search(core):
            continue
        if len(core) == 3 and not _beside_capital_words(chunk_list, i):
            continue  # T0P, B1G alone are codes as often as words; THANK Y0U is text in capitals
        choices = [_LOOKALIKES.get(c, c) for c in core]
        known = is_word if len(core) > 3 else is_common
        words = {w for w in ("".join(p) for p in itertools.product(*choices)) if known(w.lower())}
        if len(words) != 1:
            continue
        start = ch.start + ch.text.index(core)
        out.append(Correction(start, start + len(core), core, words.pop(), "ocr-confusion", 0.9))
    return out


def _beside_capital_words(chunk_list: list[Chunk], i: int) -> bool:
    """Whether a chunk next to ``chunk_list[i]`` is a word in capitals (two letters or more)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(chunk_list):
            core = chunk_list[j].text.strip(EDGE_PUNCT)
            if len(core) >= 2 and core.isalpha() and core.isupper():
                return True
    return False
