"""Close spellings for a proofreader's suggestion menu, where the OCR channel finds nothing.

The corrector's candidate search follows OCR confusions and stops after two of them: right for
correcting, too narrow for a word misread three or four times (``comunitier``, ``aparoyval``).
A menu may offer more: dictionary words of a similar length whose spelling is close.
"""

from __future__ import annotations

import difflib
import threading

from .language_model import Lexicon

#: how close a spelling must be (difflib's ratio) to be offered at all
MIN_RATIO = 0.7
_buckets: dict[int, tuple[Lexicon, dict[int, list[str]]]] = {}
_lock = threading.Lock()


def _by_length(lex: Lexicon) -> dict[int, list[str]]:
    """The lexicon's words by length, built once per lexicon (~65 ms for 160 000 words)."""
    with _lock:
        got = _buckets.get(id(lex))
        if got is None or got[0] is not lex:
            table: dict[int, list[str]] = {}
            for w in lex.words:
                table.setdefault(len(w), []).append(w)
            got = (lex, table)
            _buckets[id(lex)] = got
        return got[1]


def close_words(word: str, lexicons: list[Lexicon], limit: int) -> list[tuple[str, float]]:
    """Up to ``limit`` listed words spelled like ``word`` (lower case), with their likeness 0-1.

    Only words within two letters of its length that share its first or second letter are
    compared (a misreading keeps most of a word's shape): about 50-150 ms for a long word.
    """
    low = word.lower()
    if len(low) < 3:
        return []
    pool: list[str] = []
    for lex in lexicons:
        table = _by_length(lex)
        for n in range(len(low) - 2, len(low) + 3):
            pool += [w for w in table.get(n, ()) if w[:1] == low[:1] or w[1:2] == low[1:2]]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(low)
    found = difflib.get_close_matches(low, pool, limit, MIN_RATIO)
    out = []
    for w in found:
        matcher.set_seq1(w)
        out.append((w, matcher.ratio()))
    return out
