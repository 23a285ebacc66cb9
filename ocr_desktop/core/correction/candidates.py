"""Candidate generation: dictionary words the observed token could have been before OCR.

A small beam search over edits of the observed string: learned confusions (from the channel
model) at every level, generic one-character edits (unseen-edit cost) at the first level only.
Each string reached is looked up in the dictionary; the best channel log-probability per word wins.
"""

from __future__ import annotations

from collections.abc import Callable

from .channel import ConfusionModel

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_BEAM = 24
#: a learned edit below this log-probability is noise in the training counts, not a habit
_MIN_EDIT_LOGP = -9.0
_MAX_REVERSE = 6


def generate(
    observed: str,
    channel: ConfusionModel,
    is_known: Callable[[str], bool],
    max_edits: int = 3,
    alphabet: str = _ALPHABET,
) -> dict[str, float]:
    """Known lower-case words reachable from ``observed`` -> best log P(observed | word) (edit part)."""
    found: dict[str, float] = {}
    best: dict[str, float] = {observed: 0.0}
    frontier: list[tuple[str, float]] = [(observed, 0.0)]
    for level in range(max_edits):
        reached: dict[str, float] = {}
        for s, lp in frontier:
            for i, j, intended, elp in _learned(s, channel):
                t = s[:i] + intended + s[j:]
                v = lp + elp
                if v > reached.get(t, -1e9) and v > best.get(t, -1e9):
                    reached[t] = v
            if level == 0:
                _generic(s, lp, channel, reached, best, alphabet)
        for t, v in reached.items():
            best[t] = v
            low = t.lower()
            if t and v > found.get(low, -1e9) and is_known(low):
                found[low] = v
        frontier = sorted(reached.items(), key=lambda x: -x[1])[:_BEAM]
        if not frontier:
            break
    return found


def _learned(s: str, channel: ConfusionModel) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []
    n = len(s)
    for i in range(n):
        for k in (1, 2, 3):
            if i + k > n:
                break
            for intended, lp in channel.reverse.get(s[i : i + k], ())[:_MAX_REVERSE]:
                if lp >= _MIN_EDIT_LOGP:
                    out.append((i, i + k, intended, lp))
    for intended, lp in channel.reverse.get("", ())[:_MAX_REVERSE]:
        if lp >= _MIN_EDIT_LOGP and intended.strip():
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
        for c in alphabet:
            if c != s[i]:
                t = s[:i] + c + s[i + 1 :]
                if sub > reached.get(t, -1e9):
                    reached[t] = sub
        if i + 1 < n:
            t = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
            if sub > reached.get(t, -1e9):
                reached[t] = sub
    for i in range(n + 1):
        for c in alphabet:
            t = s[:i] + c + s[i:]  # OCR dropped c
            if ins > reached.get(t, -1e9):
                reached[t] = ins
