"""Candidates for a word misread in several places (``contcntcdncss``, ``scnato``, ``proieislon``).

The confusion-guided search (``candidates.generate``) keeps a small beam of the likeliest
partial readings: fast, but a word with two or three ordinary misreadings loses its way when
likelier single misreadings elsewhere in the token (``t`` read for ``f``) fill the beam, and
such tokens then get no candidate at all. Heavily worn print produces many of them.

This search turns the question around: which listed words are spelled within a few edits of the
token (rapidfuzz's bit-parallel Levenshtein over the words of a similar length that share the
token's first or second letter: a misreading keeps most of a word's shape), and how likely is
the token as a misreading of each (the learned confusions, aligned along the plain edit path).
It runs only for tokens the fast search found nothing for.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .channel import ConfusionModel

#: tokens shorter than this are left to the fast search: a few edits reach too many short words
MIN_LEN = 5
#: a misreading less likely than this is no habit of the reader (the fast search's floor too)
MIN_EDIT_LOGP = -9.0
#: only words at least this frequent (log relative frequency, ~1 in 5 million) are looked at: a
#: token misread in several places can only be shown to be a word this common, since each
#: misreading costs a factor of hundreds against keeping the token
MIN_WORD_LOGP = -15.5
#: a token that keeps a word's first letters (this many or more) and differs only in its last
#: ``_ENDING_LEN`` is taken for another form of it, not for a misreading
_STEM_LEN = 3
_ENDING_LEN = 4
#: readings less likely than this (log P of the misreadings together) are not offered
MIN_LOGP = -24.0


def max_distance(n: int) -> int:
    """How many plain edits a token of ``n`` letters may be from a candidate: about one in three
    letters, as heavily worn print loses them."""
    return 2 if n < 7 else 3 if n < 10 else 4


class WordPool:
    """Listed words by length and by first and by second letter, built once per word list."""

    def __init__(self, words: Iterable[str]) -> None:
        self.first: dict[tuple[int, str], list[str]] = {}
        #: by length, second letter and first letter: the words ``first`` does not already give
        self.second: dict[tuple[int, str], dict[str, list[str]]] = {}
        for w in set(words):
            n = len(w)
            if n < MIN_LEN - 2 or not w.isalpha():
                continue
            self.first.setdefault((n, w[0]), []).append(w)
            self.second.setdefault((n, w[1]), {}).setdefault(w[0], []).append(w)
        self._near: dict[tuple[int, str, str], list[str]] = {}

    def near(self, token: str) -> list[str]:
        """Words of a length within the token's edit budget that share its first or second letter."""
        n = len(token)
        key = (n, token[0], token[1])
        got = self._near.get(key)
        if got is not None:
            return got
        d = max_distance(n)
        out: list[str] = []
        for m in range(n - d, n + d + 1):
            out += self.first.get((m, token[0]), ())
            for first, words in self.second.get((m, token[1]), {}).items():
                if first != token[0]:
                    out += words
        if len(self._near) >= _NEAR_CACHE_MAX:
            self._near.clear()
        self._near[key] = out
        return out


#: lists of near words kept per pool (a few thousand references each)
_NEAR_CACHE_MAX = 256
_pools: dict[tuple[int, ...], tuple[tuple[object, ...], WordPool]] = {}
_lock = threading.Lock()


def word_pool(owners: tuple[object, ...], words: Callable[[], Iterable[str]]) -> WordPool:
    """The pool of the word lists ``owners`` (held while the pool is kept, so that their ids stay
    theirs), built from ``words()`` the first time."""
    key = tuple(id(o) for o in owners)
    with _lock:
        got = _pools.get(key)
        if got is not None and all(a is b for a, b in zip(got[0], owners, strict=True)):
            return got[1]
        if len(_pools) >= 8:
            _pools.clear()
        pool = WordPool(words())
        _pools[key] = (owners, pool)
        return pool


def wide_candidates(token: str, pool: WordPool, channel: ConfusionModel, alphabet: str,
                    shift: float = 0.0) -> dict[str, float]:
    """Listed words within a few edits of ``token`` (lower case) -> log P(token | word) (edit part),
    for words that two or more learned misreadings explain, or one inside the word.

    A token one edit from a word at its start or end is typically a stem or a form the lists
    lack (``unregister``, ``configurator``), which must not become ``unregistered``,
    ``configuration``: the fast search, which tries every learned misreading, leaves it alone.
    """
    if len(token) < MIN_LEN:
        return {}
    hits = process.extract(token, pool.near(token), scorer=Levenshtein.distance,
                           score_cutoff=max_distance(len(token)), limit=None)
    out: dict[str, float] = {}
    for word, _dist, _ in hits:
        lp, edits = _misreadings(word, token, channel, alphabet, shift)
        if lp < MIN_LOGP or lp <= out.get(word, -1e9):
            continue
        if (edits >= 2 or (edits == 1 and _inside(word, token))) and not _other_ending(word, token):
            out[word] = lp
    return out


def _inside(word: str, token: str) -> bool:
    """True when the one run of differing letters lies inside both (``foUowed``): a different
    start or ending is a different form of a word (``unregister``), not a misreading."""
    (i1, i2, j1, j2), = edit_runs(word, token)
    return i1 > 0 and j1 > 0 and i2 < len(word) and j2 < len(token)


def _other_ending(word: str, token: str) -> bool:
    """True when the two share their first three letters or more and differ only in the last
    few: another ending of the same stem (``configurator``, ``subscripting``, ``readln``) far
    more often than a word misread twice in its last letters."""
    first = edit_runs(word, token)[0][2]
    return first >= _STEM_LEN and first >= len(token) - _ENDING_LEN


def misreading_logp(word: str, token: str, channel: ConfusionModel, alphabet: str, shift: float = 0.0) -> float:
    """log P(token | word) along the plain edit path: each run of differing letters is one learned
    confusion where the table has it (``m`` read as ``in``), else letter by letter; -inf where
    any one misreading is rarer than ``MIN_EDIT_LOGP`` (no habit of the reader). ``shift`` is
    added for every misreading."""
    return _misreadings(word, token, channel, alphabet, shift)[0]


def _misreadings(word: str, token: str, channel: ConfusionModel, alphabet: str,
                 shift: float) -> tuple[float, int]:
    """(log P(token | word), how many misreadings) along the plain edit path."""
    total = 0.0
    count = 0
    for i1, i2, j1, j2 in edit_runs(word, token):
        for lp in _block_edits(word[i1:i2], token[j1:j2], channel, alphabet):
            if lp < MIN_EDIT_LOGP:
                return -math.inf, 0
            total += lp + shift
            count += 1
        if total < MIN_LOGP:
            return -math.inf, 0
    return total, count


def edit_runs(word: str, token: str) -> list[tuple[int, int, int, int]]:
    """The plain edit path's runs of differing letters: (word start, end, token start, end)."""
    blocks: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(word, token):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            b = blocks[-1]
            blocks[-1] = (b[0], op.src_end, b[2], op.dest_end)
        else:
            blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _learned(intended: str, observed: str, channel: ConfusionModel) -> float | None:
    rows = _rows(channel)
    row = rows.get(observed)
    if row is None:
        row = rows[observed] = dict(channel.reverse.get(observed, ()))
    return row.get(intended)


_row_tables: dict[int, tuple[ConfusionModel, dict[str, dict[str, float]]]] = {}


def _rows(channel: ConfusionModel) -> dict[str, dict[str, float]]:
    """observed -> {intended: log P} of ``channel``'s learned entries, filled as asked (a page's
    adapted channel is a new one, and a page asks about few observed strings)."""
    got = _row_tables.get(id(channel))
    if got is not None and got[0] is channel:
        return got[1]
    table: dict[str, dict[str, float]] = {}
    with _lock:
        if len(_row_tables) >= 8:
            _row_tables.clear()
        _row_tables[id(channel)] = (channel, table)
    return table


def _block_edits(intended: str, observed: str, channel: ConfusionModel, alphabet: str) -> list[float]:
    """The log P of each misreading that turns ``intended`` into ``observed``: one where the table
    has the whole run, else one per letter."""
    got = _learned(intended, observed, channel)
    if got is not None:
        return [got]
    out: list[float] = []
    common = min(len(intended), len(observed))
    for a, b in zip(intended[:common], observed[:common], strict=True):
        lp = _learned(a, b, channel)
        if lp is None:
            lp = next((v for c, v in channel.sub_row(b, alphabet) if c == a), channel.unseen_sub) \
                if b in alphabet or b.isalpha() else channel.unseen_sub
        out.append(lp)
    for a in intended[common:]:  # letters the reading dropped
        lp = _learned(a, "", channel)
        out.append(channel.unseen_del if lp is None else lp)
    for b in observed[common:]:  # signs the reading added
        lp = _learned("", b, channel)
        out.append(channel.unseen_ins if lp is None else lp)
    return out
