"""Candidate generation: dictionary words the observed token could have been before OCR.

A small beam search over edits of the observed string: learned confusions (from the channel
model) at every level, generic one-character edits (unseen-edit cost) at the first level only.
Each string reached is looked up in the dictionary; the best channel log-probability per word wins.
"""

from __future__ import annotations

import heapq
from collections.abc import Container
from operator import itemgetter

from .channel import ConfusionModel

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_BEAM = 5
_GENERIC_BEAM = 1
#: two arbitrary edits only in words this long: in shorter ones they reach too many words to choose
_GENERIC2_MIN_LEN = 7
#: a learned edit below this log-probability is noise in the training counts, not a habit
_MIN_EDIT_LOGP = -9.0
#: strings whose edits together are less likely than this are not worth a dictionary look-up
_MIN_TOTAL_LOGP = -18.0
_MAX_REVERSE = 5
_MAX_REVERSE_DEEP = 3
_MAX_INSERTIONS = 3


def generate(
    observed: str,
    channel: ConfusionModel,
    known: Container[str],
    max_edits: int = 3,
    alphabet: str = _ALPHABET,
    *,
    generic: bool = True,
    shift: float = 0.0,
) -> dict[str, float]:
    """Known lower-case words reachable from ``observed`` -> best log P(observed | word) (edit part).

    ``shift`` is added to every edit's log-probability: the page's error rate relative to the
    rate the table was learned at (a noisy page makes every edit likelier, a clean one rarer).
    """
    found: dict[str, float] = {}
    best: dict[str, float] = {observed: 0.0}
    frontier: list[tuple[str, float]] = [(observed, 0.0)]
    for level in range(max_edits):
        reached: dict[str, float] = {}
        for k, (s, lp) in enumerate(frontier):
            for i, j, intended, elp in _learned(s, channel, _MAX_REVERSE if level == 0 else _MAX_REVERSE_DEEP):
                v = lp + elp + shift
                if v < _MIN_TOTAL_LOGP:
                    continue
                t = s[:i] + intended + s[j:]
                if v > reached.get(t, -1e9) and v > best.get(t, -1e9):
                    reached[t] = v
            if generic and (level == 0 or (level == 1 and k < _GENERIC_BEAM and len(observed) >= _GENERIC2_MIN_LEN)):
                # a second arbitrary edit only from the few best one-edit strings
                _generic(s, lp + shift, channel, reached, best, alphabet)
        best.update(reached)
        for t, v in reached.items():
            low = t if t.islower() else t.lower()
            if low in known and t and v > found.get(low, -1e9):
                found[low] = v
        frontier = heapq.nlargest(_BEAM, reached.items(), key=itemgetter(1))
        if not frontier:
            break
    return found


def _learned(s: str, channel: ConfusionModel, per_source: int) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []
    n = len(s)
    for i in range(n):
        for k in (1, 2, 3):
            if i + k > n:
                break
            for intended, lp in channel.reverse.get(s[i : i + k], ())[:per_source]:
                if lp >= _MIN_EDIT_LOGP:
                    out.append((i, i + k, intended, lp))
    for intended, lp in channel.reverse.get("", ())[:_MAX_INSERTIONS]:
        if lp >= _MIN_EDIT_LOGP and intended:
            for i in range(n + 1):
                out.append((i, i, intended, lp))
    return out


def _generic(s: str, lp: float, channel: ConfusionModel, reached: dict[str, float], best: dict[str, float],
             alphabet: str) -> None:
    """All one-character edits at the unseen-edit cost (a learned edit to the same string is kept if better)."""
    n = len(s)
    sub, ins, dele = lp + channel.unseen_sub, lp + channel.unseen_del, lp + channel.unseen_ins
    for i in range(n):
        t = s[:i] + s[i + 1 :]  # OCR inserted s[i]
        if dele > reached.get(t, -1e9):
            reached[t] = dele
        head, tail = s[:i], s[i + 1 :]
        for c, elp in channel.sub_row(s[i], alphabet):
            v = lp + elp
            t = head + c + tail
            if v > reached.get(t, -1e9):
                reached[t] = v
        if i + 1 < n:
            t = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
            if sub > reached.get(t, -1e9):
                reached[t] = sub
    for i in range(n + 1):
        for c in alphabet:
            t = s[:i] + c + s[i:]  # OCR dropped c
            if ins > reached.get(t, -1e9):
                reached[t] = ins
