"""Candidate generation: dictionary words the observed token could have been before OCR.

A small beam search over edits of the observed string: learned confusions (from the channel
model) at every level, generic one-character edits (unseen-edit cost) at the first level only.
Each string reached is looked up in the dictionary; the best channel log-probability per word wins.
"""

from __future__ import annotations

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

    The beam keeps, level by level, the strings (words or not) reached with the best scores; the
    edits of a string are enumerated in a fixed order (position, then source length, then the
    table's order) so that ties in the beam always resolve the same way.

    Speed: the learned entries of a source are sorted best first, so the first one under the
    total floor ends that source's loop; the beam is cut by a threshold on sorted scores (the
    same strings, in the same order, as ``heapq.nlargest``).
    """
    found: dict[str, float] = {}
    best: dict[str, float] = {observed: 0.0}
    frontier: list[tuple[str, float]] = [(observed, 0.0)]
    last = max_edits - 1
    floor = _MIN_TOTAL_LOGP
    for level in range(max_edits):
        table = channel.learned_table(_MAX_REVERSE if level == 0 else _MAX_REVERSE_DEEP, _MIN_EDIT_LOGP)
        inserts = channel.learned_insertions(_MAX_INSERTIONS, _MIN_EDIT_LOGP)
        generic_here = generic and (level == 0 or (level == 1 and len(observed) >= _GENERIC2_MIN_LEN))
        if level == last and not generic_here:
            # the last level feeds no beam: only the dictionary words it reaches matter
            for s, lp in frontier:
                _last_level(s, lp, shift, table, inserts, known, best, found)
            break
        reached: dict[str, float] = {}
        reached_get = reached.get
        best_get = best.get
        for k, (s, lp) in enumerate(frontier):
            n = len(s)
            for i in range(n):
                head = s[:i]
                for j in range(i + 1, min(i + 3, n) + 1):
                    edits = table.get(s[i:j])
                    if edits is None:
                        continue
                    tail = s[j:]
                    for intended, elp in edits:
                        v = lp + elp + shift
                        if v < floor:
                            break  # entries are sorted best first
                        t = head + intended + tail
                        if v > reached_get(t, _NONE) and v > best_get(t, _NONE):
                            reached[t] = v
            for intended, elp in inserts:
                v = lp + elp + shift
                if v < floor:
                    break
                for i in range(n + 1):
                    t = s[:i] + intended + s[i:]
                    if v > reached_get(t, _NONE) and v > best_get(t, _NONE):
                        reached[t] = v
            if generic_here and (level == 0 or k < _GENERIC_BEAM):
                # a second arbitrary edit only from the few best one-edit strings
                _generic(s, lp + shift, channel, reached, alphabet)
        best.update(reached)
        found_get = found.get
        for t, v in reached.items():
            low = t if t.islower() else t.lower()
            if low in known and t and v > found_get(low, _NONE):
                found[low] = v
        frontier = _top(reached)
        if not frontier:
            break
    return found


_NONE = -1e9


def _top(reached: dict[str, float]) -> list[tuple[str, float]]:
    """``heapq.nlargest(_BEAM, reached.items(), key=score)``: best first, ties in insertion order."""
    if len(reached) <= _BEAM:
        return sorted(reached.items(), key=itemgetter(1), reverse=True)
    threshold = sorted(reached.values(), reverse=True)[_BEAM - 1]
    return sorted([kv for kv in reached.items() if kv[1] >= threshold], key=itemgetter(1), reverse=True)[:_BEAM]


def _last_level(s: str, lp: float, shift: float, table: dict[str, tuple[tuple[str, float], ...]],
                inserts: tuple[tuple[str, float], ...], known: Container[str], best: dict[str, float],
                found: dict[str, float]) -> None:
    """The learned edits of ``s`` that make a dictionary word, straight into ``found``."""
    n = len(s)
    floor = _MIN_TOTAL_LOGP
    found_get = found.get
    best_get = best.get
    for i in range(n):
        head = s[:i]
        for j in range(i + 1, min(i + 3, n) + 1):
            edits = table.get(s[i:j])
            if edits is None:
                continue
            tail = s[j:]
            for intended, elp in edits:
                v = lp + elp + shift
                if v < floor:
                    break  # entries are sorted best first
                t = head + intended + tail
                low = t if t.islower() else t.lower()
                if low in known and t and v > found_get(low, _NONE) and v > best_get(t, _NONE):
                    found[low] = v
    for intended, elp in inserts:
        v = lp + elp + shift
        if v < floor:
            break
        for i in range(n + 1):
            t = s[:i] + intended + s[i:]
            low = t if t.islower() else t.lower()
            if low in known and v > found_get(low, _NONE) and v > best_get(t, _NONE):
                found[low] = v


def _generic(s: str, lp: float, channel: ConfusionModel, reached: dict[str, float], alphabet: str) -> None:
    """All one-character edits at the unseen-edit cost (a learned edit to the same string is kept if better)."""
    n = len(s)
    sub, ins, dele = lp + channel.unseen_sub, lp + channel.unseen_del, lp + channel.unseen_ins
    get = reached.get
    for i in range(n):
        head, tail = s[:i], s[i + 1 :]
        t = head + tail  # OCR inserted s[i]
        if dele > get(t, _NONE):
            reached[t] = dele
        for c, elp in channel.sub_row(s[i], alphabet):
            v = lp + elp
            t = head + c + tail
            if v > get(t, _NONE):
                reached[t] = v
        if i + 1 < n:
            t = head + s[i + 1] + s[i] + s[i + 2 :]
            if sub > get(t, _NONE):
                reached[t] = sub
    for i in range(n + 1):
        head, tail = s[:i], s[i:]
        for c in alphabet:
            t = head + c + tail  # OCR dropped c
            if ins > get(t, _NONE):
                reached[t] = ins
