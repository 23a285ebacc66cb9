"""Candidate generation: dictionary words the observed token could have been before OCR.

A small beam search over edits of the observed string: learned confusions (from the channel
model) at every level, generic one-character edits (unseen-edit cost) at the first level only.
Each string reached is looked up in the dictionary; the best channel log-probability per word wins.
"""

from __future__ import annotations

from collections.abc import Container
from heapq import nlargest
from operator import itemgetter
from typing import NamedTuple, cast

import numpy as np
import numpy.typing as npt

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
_NONE = -1e9
_INF = float("inf")
#: word-boundary marks around a word when its letter trigrams are taken
_START, _END = "\x02", "\x03"
#: the only character whose lower case depends on its neighbours (final sigma)
_SIGMA = "\u03a3"
#: trigram sets kept for this many dictionaries
_GRAMS_MAX = 4
#: above this many distinct characters the trigram flags would take too much memory: plain sets
_GRAMS_DENSE_MAX = 160
#: the word hashes: sum of code point * _HASH_B ** (1 + place), modulo 2 ** 64 (_HASH_B odd; from
#: the power 1, so that letters differing by little in a word's first place land far apart)
_HASH_B = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
#: the word table has 2 ** _TABLE_BITS slots (one byte each, 8 MB: a bit each would cost more
#: array operations per search than the 2 % of false alarms it saves), flagged by the hashes' top bits
_TABLE_BITS = 23
_TABLE_SHIFT = 64 - _TABLE_BITS
#: strings up to this long have their one-letter edits looked up through the word table
_HASH_MAX_LEN = 48
_index_cache: dict[int, tuple[Container[str], int, _Index]] = {}


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

    Speed (none of it changes a result): the learned entries of a source are sorted best first,
    so the first one under the total floor ends that source's loop; the beam is cut by a
    threshold on sorted scores; the generic edits are built as lists and merged in one go; the
    dictionary look-ups of a level run as one ``map``; and the last level, which only looks for
    words, edits only where a word can come out: a letter trigram that no dictionary word has
    must be covered by the edit (``known`` is then taken not to change between calls while its
    size stays the same: the dictionaries are read-only).
    """
    lazy = generic and alphabet == alphabet.lower()
    if lazy:
        got = _search(observed, channel, known, max_edits, alphabet, generic, shift, _index(known))
        if got is not None:
            return got
    got = _search(observed, channel, known, max_edits, alphabet, generic, shift, None)
    assert got is not None
    return got


#: how many of a repeated sign's likeliest letters are tried together (see ``same_glyph_words``)
_SAME_GLYPH_LETTERS = 4
#: ... and for how many different repeated signs at most: each costs at least two misreadings,
#: so more than two can never stay above ``_MIN_TOTAL_LOGP`` (and 4 ** k strings would be built)
_SAME_GLYPH_MAX_SIGNS = 2


def same_glyph_words(observed: str, channel: ConfusionModel, known: Container[str]) -> dict[str, float]:
    """Words reached by reading every copy of a repeated digit or sign the same way: ``sma11`` ->
    ``small``, ``a11`` -> ``all`` (word -> log P(observed | word), edit part).

    One glyph of a font is misread the same way each time, but the beam search takes one edit at
    a time and a short beam fills with the likelier single edits (1 -> i, 1 -> j), so the second
    1 -> l is never reached. Each sign that stands two or more times inside the token is replaced
    everywhere at once by one of its likeliest learned letters (the sum of the edits' log P)."""
    signs = sorted({c for c in observed if not c.isalpha() and observed.count(c) > 1})
    if not signs or len(signs) > _SAME_GLYPH_MAX_SIGNS or not any(c.isalpha() for c in observed):
        return {}
    options: list[list[tuple[str, float]]] = []
    for sign in signs:
        # by small letter (the dictionary is asked in lower case): | reads as I and i first, then l
        best: dict[str, float] = {}
        for s, lp in channel.reverse.get(sign, ()):
            if len(s) == 1 and s.isalpha() and lp > best.get(s.lower(), _NONE):
                best[s.lower()] = lp
        options.append(sorted(best.items(), key=lambda kv: -kv[1])[:_SAME_GLYPH_LETTERS])
    found: dict[str, float] = {}
    combos: list[tuple[str, float]] = [(observed, 0.0)]
    for sign, letters in zip(signs, options, strict=True):
        n = observed.count(sign)
        combos = [(t.replace(sign, s), v) for t, lp in combos for s, slp in letters
                  if (v := lp + n * slp) >= _MIN_TOTAL_LOGP]
    for t, lp in combos:
        low = t.lower()
        if lp >= _MIN_TOTAL_LOGP and low in known and lp > found.get(low, _NONE):
            found[low] = lp
    return found


def forget_searches() -> None:
    """Empty what searches remembered about the dictionaries (the trigram indexes stay: they are
    part of loading a dictionary). Benchmarks call it to measure cold pages."""
    for _known, _size, index in _index_cache.values():
        index.subs.clear()
        index.inserts.clear()
    _plain_rows.clear()
    _rows_cache.clear()
    _layouts.clear()
    _cased_tables.clear()


def _search(observed: str, channel: ConfusionModel, known: Container[str], max_edits: int, alphabet: str,
            generic: bool, shift: float, index: _Index | None) -> dict[str, float] | None:
    """The search; with ``index``, generic edits that can neither make a word nor enter the beam
    are not built, and None says the shortcut cannot vouch for the beam (search again without)."""
    found: dict[str, float] = {}
    best: dict[str, float] = {observed: 0.0}
    frontier: list[tuple[str, float]] = [(observed, 0.0)]
    last = max_edits - 1
    inserts = channel.learned_insertions(_MAX_INSERTIONS, _MIN_EDIT_LOGP)
    for level in range(max_edits):
        table = channel.learned_table(_MAX_REVERSE if level == 0 else _MAX_REVERSE_DEEP, _MIN_EDIT_LOGP)
        generic_here = generic and (level == 0 or (level == 1 and len(observed) >= _GENERIC2_MIN_LEN))
        if level == last and (not generic_here or index is not None):
            # the last level feeds no beam: only the dictionary words it reaches matter
            grams = _grams(known)
            cased = _cased(table)
            for k, (s, lp) in enumerate(frontier):
                _last_level(s, lp, shift, cased, inserts, known, best, found, grams)
                if generic_here and k < _GENERIC_BEAM and index is not None:
                    _generic_words(s, lp + shift, channel, known, found, alphabet, index)
            break
        reached: dict[str, float] = {}
        skips: list[_Skips] = []
        for k, (s, lp) in enumerate(frontier):
            _learned(s, lp, shift, table, inserts, best, reached)
            if generic_here and (level == 0 or k < _GENERIC_BEAM):
                # a second arbitrary edit only from the few best one-edit strings
                if index is None or level + 1 < last:
                    _generic(s, lp + shift, channel, reached, alphabet)
                else:
                    # only the last level comes after: what matters is this level's words and
                    # beam (none on the last level), and the words the last level finds
                    floor = _INF if level == last else _fifth(reached)
                    # with no beam level between this one and the last, the strings under the
                    # floor only matter as words (``_unsure`` reads them on a middle level only)
                    words = known if level == 0 else None
                    if words is not None:
                        got = _word_edits(s, lp + shift, channel, alphabet, words, index, floor)
                        if got is not None:
                            _merge(reached, dict(zip(*got, strict=True)))
                            continue
                    skipped = _generic_lazy(s, lp + shift, channel, reached, alphabet, index, floor, words)
                    if skipped is not None:
                        skips.append(skipped)
        best.update(reached)
        found_get = found.get
        for t, v in reached.items():
            low = t if t.islower() else t.lower()
            if low in known and t and v > found_get(low, _NONE):
                found[low] = v
        frontier = _top(reached)
        if index is not None and skips and 0 < level < last and _unsure(
                reached, frontier, skips, channel, alphabet, index):
            return None
        if not frontier:
            break
    return found


def _top(reached: dict[str, float]) -> list[tuple[str, float]]:
    """``heapq.nlargest(_BEAM, reached.items(), key=score)``: best first, ties in insertion order.

    The threshold (the fifth best score) comes from sorting the scores: one C call, where
    ``nlargest`` loops in Python over every score."""
    if len(reached) <= _BEAM:
        return sorted(reached.items(), key=itemgetter(1), reverse=True)
    threshold = sorted(reached.values(), reverse=True)[_BEAM - 1]  # nlargest's last, sorted in C
    return sorted([kv for kv in reached.items() if kv[1] >= threshold], key=itemgetter(1), reverse=True)[:_BEAM]


def _learned(s: str, lp: float, shift: float, table: dict[str, tuple[tuple[str, float], ...]],
             inserts: tuple[tuple[str, float], ...], best: dict[str, float], reached: dict[str, float]) -> None:
    """The learned edits of ``s`` into ``reached`` (a string already reached as well or better is left)."""
    n = len(s)
    floor = _MIN_TOTAL_LOGP
    reached_get = reached.get
    best_get = best.get
    get = table.get
    for i in range(n):
        head = s[:i]
        for j in range(i + 1, min(i + 3, n) + 1):
            edits = get(s[i:j])
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


class _Index(NamedTuple):
    """What the search needs to know about a dictionary: its letter trigrams (words marked
    ``\x02word\x03``), and by pair of letters the letters that may come after, between, before."""

    grams: frozenset[str]
    after: dict[str, frozenset[str]]
    between: dict[str, frozenset[str]]
    before: dict[str, frozenset[str]]
    #: filled as searches ask, by (alphabet, observed letter, two marked letters before, two
    #: after): the places in the letter's substitution row of the letters that fit there
    subs: dict[tuple[str, str, str, str], tuple[int, ...]]
    #: by (alphabet, two marked letters before the gap, two after): the letters that fit in it
    inserts: dict[tuple[str, str, str], str]
    #: True at the top bits of every word's hash (None: some word holds a word mark)
    table: npt.NDArray[np.bool_] | None


def _grams(known: Container[str]) -> frozenset[str] | None:
    index = _index(known)
    return None if index is None else index.grams


def _index(known: Container[str]) -> _Index | None:
    """The dictionary's trigram index, built once (None: not a plain dict or frozenset of words).

    About 30 ms for 160 000 words: the words joined into one marked string, its characters
    numbered densely, and each trigram's number flagged in an array. The joins add trigrams
    across two words (holding both marks), which only makes the set larger.
    """
    if type(known) is not dict and type(known) is not frozenset:
        return None
    got = _index_cache.get(id(known))
    if got is not None and got[0] is known and got[1] == len(known):
        return got[2]
    try:
        joined = _START + (_END + _START).join(known) + _END
        count = len(known)
    except TypeError:  # not only strings: the others can never equal a look-up
        words = [w for w in known if isinstance(w, str)]
        joined = _START + (_END + _START).join(words) + _END
        count = len(words)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    present = np.flatnonzero(np.bincount(codes))
    size = len(present)
    if size <= _GRAMS_DENSE_MAX:
        dense = np.zeros(int(present[-1]) + 1, dtype=np.int64)
        dense[present] = np.arange(size)
        idx = dense[codes]
        seen = np.zeros(size**3, dtype=bool)
        seen[(idx[:-2] * size + idx[1:-1]) * size + idx[2:]] = True
        chars = [chr(c) for c in present.tolist()]
        grams = frozenset(
            chars[k // (size * size)] + chars[k // size % size] + chars[k % size] for k in np.flatnonzero(seen).tolist()
        )
    else:
        grams = frozenset(map("".join, set(zip(joined, joined[1:], joined[2:], strict=False))))
    after: dict[str, set[str]] = {}
    between: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for g in grams:
        after.setdefault(g[:2], set()).add(g[2])
        between.setdefault(g[0] + g[2], set()).add(g[1])
        before.setdefault(g[1:], set()).add(g[0])
    after_ok, between_ok, before_ok = ({k: frozenset(v) for k, v in d.items()} for d in (after, between, before))
    index = _Index(grams, after_ok, between_ok, before_ok, {}, {}, _word_table(codes, count))
    if len(_index_cache) >= _GRAMS_MAX:
        _index_cache.clear()
    _index_cache[id(known)] = (known, len(known), index)
    return index


def _word_table(codes: npt.NDArray[np.uint32], count: int) -> npt.NDArray[np.bool_] | None:
    """The word table of the marked, joined words' ``codes`` (``count`` words): each word's hash
    (``_hash``) flags a slot. None when a word holds a mark (the marks would not find the words).

    About 20 ms for 160 000 words. Hashes are sums of code point times a power of ``_HASH_B``
    modulo 2 ** 64, so an edited string's hash comes from the observed string's in a few
    operations: a string whose slot is not flagged is no word, and need not be built.
    """
    starts = np.flatnonzero(codes == ord(_START)) + 1
    ends = np.flatnonzero(codes == ord(_END))
    if len(starts) != count or len(ends) != count:
        return None
    table = np.zeros(1 << _TABLE_BITS, dtype=np.bool_)
    if not count:
        return table
    lens = ends - starts
    powers = _powers(int(lens.max()) + 1)
    hashes = np.zeros(count, dtype=np.uint64)
    for k in range(int(lens.max())):
        # the words longer than k, their letters at place k
        has = np.flatnonzero(lens > k)
        hashes[has] += codes[starts[has] + k].astype(np.uint64) * np.uint64(powers[k + 1])
    table[hashes >> np.uint64(_TABLE_SHIFT)] = True
    return table


_power_list: list[int] = [1]


def _powers(count: int) -> list[int]:
    """``_HASH_B ** k`` modulo 2 ** 64 for k < ``count`` (at least)."""
    while len(_power_list) < count:
        _power_list.append(_power_list[-1] * _HASH_B & _MASK64)
    return _power_list


def _hash(s: str) -> int:
    """A string's hash as the word table takes it."""
    powers = _powers(len(s) + 1)
    return sum(ord(c) * powers[k + 1] for k, c in enumerate(s)) & _MASK64


class _Layout(NamedTuple):
    """Where each one-character edit of a string of some length sits in ``_word_edits``' hash
    array, in ``_generic``'s order (per place: deletion, substitutions, transposition; then the
    insertions place by place)."""

    #: per slot, what its hash adds to its base: a letter's code point times its place's power
    adds: npt.NDArray[np.uint64]
    #: per slot, which base it starts from (substitution places, insertion places, deletions,
    #: transpositions: the order ``_word_edits`` lists them in)
    owners: npt.NDArray[np.intp]
    #: per slot: 0 deletion, 1 substitution, 2 transposition, 3 insertion; the place; the letter
    edits: list[tuple[int, int, str]]
    #: per place, the slot of the alphabet's first letter's substitution
    subs: list[int]


#: by alphabet and length (None: an alphabet the layout cannot serve)
_layouts: dict[tuple[str, int], _Layout | None] = {}
#: the inverse of _HASH_B modulo 2 ** 64 (a deletion moves the letters after it one place back)
_HASH_B_INV = pow(_HASH_B, -1, 1 << 64)


def _layout(alphabet: str, n: int) -> _Layout | None:
    """The layout for strings of length ``n`` (None: the alphabet repeats a letter, or holds one
    that is not its own lower case: an edit's lower case would not be built from its letters)."""
    key = (alphabet, n)
    if key in _layouts:
        return _layouts[key]
    got: _Layout | None = None
    if len(set(alphabet)) == len(alphabet) and alphabet == alphabet.lower():
        powers = _powers(n + 2)
        adds: list[int] = []
        owners: list[int] = []
        edits: list[tuple[int, int, str]] = []
        subs: list[int] = []
        for i in range(n):
            adds.append(0)
            owners.append(2 * n + 1 + i)
            edits.append((0, i, ""))
            subs.append(len(adds))
            adds += [ord(c) * powers[i + 1] & _MASK64 for c in alphabet]
            owners += [i] * len(alphabet)
            edits += [(1, i, c) for c in alphabet]
            if i + 1 < n:
                adds.append(0)
                owners.append(3 * n + 1 + i)
                edits.append((2, i, ""))
        for i in range(n + 1):
            adds += [ord(c) * powers[i + 1] & _MASK64 for c in alphabet]
            owners += [n + i] * len(alphabet)
            edits += [(3, i, c) for c in alphabet]
        got = _Layout(np.array(adds, dtype=np.uint64), np.array(owners, dtype=np.intp), edits, subs)
    if len(_layouts) > 256:
        _layouts.clear()
    _layouts[key] = got
    return got


def _word_edits(s: str, lp: float, channel: ConfusionModel, alphabet: str, known: Container[str], index: _Index,
                floor: float) -> tuple[list[str], list[float]] | None:
    """``_generic``'s edits of ``s`` that are dictionary words (their lower case is in ``known``)
    or reach ``floor``, in ``_generic``'s order (None: this shortcut does not apply; the caller
    takes the edits another way).

    The hashes of all edits come from ``s``'s in one array laid out in ``_generic``'s order
    (``_layout``): an edit is built and looked up only where its hash flags the word table or
    its score reaches the floor. The strings that cannot be words (nearly all) are never made.
    Few array operations: each costs more than its small arrays' arithmetic.
    """
    table = index.table
    n = len(s)
    if table is None or n >= _HASH_MAX_LEN or not floor > -_INF:
        return None
    low = s.lower()
    if len(low) != n or _SIGMA in s:
        return None
    sub, ins, dele = lp + channel.unseen_sub, lp + channel.unseen_del, lp + channel.unseen_ins
    if not (dele < floor and sub < floor and ins < floor):
        return None  # a floor this low keeps most edits: nothing to leave out
    rows = _alphabet_rows(channel, alphabet)
    got_rows = [rows.get(x) or _row_entry(channel, alphabet, x, rows) for x in s]
    layout = _layout(alphabet, n)
    if layout is None or not all(got_rows):
        return None
    letters = cast(list[tuple[dict[str, float], float]], got_rows)
    powers = _powers(n + 2)
    codes = [ord(c) for c in low]
    prefix = [0]
    acc = 0
    for k in range(n):
        acc = (acc + codes[k] * powers[k + 1]) & _MASK64
        prefix.append(acc)
    whole = acc
    # the bases, as ``_Layout.owners`` counts them
    bases = [(whole - codes[i] * powers[i + 1]) & _MASK64 for i in range(n)]
    bases += [(p + (whole - p) * _HASH_B) & _MASK64 for p in prefix]
    bases += [(prefix[i] + (whole - prefix[i + 1]) * _HASH_B_INV) & _MASK64 for i in range(n)]
    bases += [(whole + (codes[i + 1] - codes[i]) * (powers[i + 1] - powers[i + 2])) & _MASK64 for i in range(n - 1)]
    hashes = np.array(bases, dtype=np.uint64)[layout.owners]
    hashes += layout.adds
    flags = table[hashes >> np.uint64(_TABLE_SHIFT)]
    for i, (elps, top) in enumerate(letters):
        if not lp + top < floor:
            # some letters reach the floor: those are kept, words or not
            first = layout.subs[i]
            for a, c in enumerate(alphabet):
                if c != s[i] and not lp + elps[c] < floor:
                    flags[first + a] = True
    marks = flags.tobytes()
    ts: list[str] = []
    vs: list[float] = []
    same = low == s
    edits = layout.edits
    f = marks.find(1)
    while f >= 0:
        kind, i, c = edits[f]
        f = marks.find(1, f + 1)
        if kind == 1:
            if c == s[i]:
                continue
            t, v = s[:i] + c + s[i + 1 :], lp + letters[i][0][c]
            if v < floor and (t if same else low[:i] + c + low[i + 1 :]) not in known:
                continue
        elif kind == 3:  # OCR dropped c
            t, v = s[:i] + c + s[i:], ins
            if v < floor and (t if same else low[:i] + c + low[i:]) not in known:
                continue
        elif kind == 0:  # OCR inserted s[i]
            t, v = s[:i] + s[i + 1 :], dele
            if v < floor and (t if same else low[:i] + low[i + 1 :]) not in known:
                continue
        else:
            t, v = s[:i] + s[i + 1] + s[i] + s[i + 2 :], sub
            if v < floor and (t if same else low[:i] + low[i + 1] + low[i] + low[i + 2 :]) not in known:
                continue
        ts.append(t)
        vs.append(v)
    return ts, vs


#: by channel and alphabet: the channel, and by observed letter its substitution row's letters
#: with their log-probabilities and the best of them (None: the row is not the alphabet less
#: that letter, each letter its own lower case)
_rows_cache: dict[tuple[int, str], tuple[ConfusionModel, dict[str, tuple[dict[str, float], float] | None]]] = {}


def _alphabet_rows(channel: ConfusionModel, alphabet: str) -> dict[str, tuple[dict[str, float], float] | None]:
    got = _rows_cache.get((id(channel), alphabet))
    if got is None or got[0] is not channel:
        if len(_rows_cache) > 16:
            _rows_cache.clear()
        got = (channel, {})
        _rows_cache[(id(channel), alphabet)] = got
    return got[1]


def _row_entry(channel: ConfusionModel, alphabet: str, x: str,
               rows: dict[str, tuple[dict[str, float], float] | None]) -> tuple[dict[str, float], float] | None:
    """``x``'s entry of ``rows`` (``_alphabet_rows``), made and kept."""
    row = channel.sub_row(x, alphabet)
    plain, top = _row_info(row)
    ok = plain and [c for c, _ in row] == [c for c in alphabet if c != x]
    got = (dict(row), top) if ok else None
    rows[x] = got
    return got


def _merge(reached: dict[str, float], edits: dict[str, float]) -> None:
    """``edits`` into ``reached``: a string already there keeps its place and the better score."""
    for t in edits.keys() & reached.keys():
        if not edits[t] > reached[t]:
            edits[t] = reached[t]
    reached.update(edits)


def _last_level(s: str, lp: float, shift: float, table: dict[str, tuple[tuple[str, float, bool], ...]],
                inserts: tuple[tuple[str, float], ...], known: Container[str], best: dict[str, float],
                found: dict[str, float], grams: frozenset[str] | None) -> None:
    """The learned edits of ``s`` that make a dictionary word, straight into ``found`` (``table``:
    the learned table as ``_cased`` gives it).

    With the dictionary's trigrams: an edit of ``s[i:j]`` leaves the trigrams of the marked head
    ``^s[:i]`` and tail ``s[j:]$``; one of them that no word has rules the edit out. So the edit
    must reach from the first such trigram (``i <= hi``) to the last one (``j >= lo``).
    """
    n = len(s)
    lo, hi = 0, n
    low_s = s.lower()
    if grams is not None and len(low_s) == n and _SIGMA not in s:
        marked = _START + low_s + _END
        bad = [q for q in range(n) if marked[q : q + 3] not in grams]
        if bad:
            hi, lo = bad[0] + 1, bad[-1]
    # a string in small letters edited into small letters is its own lower case
    same = low_s == s
    floor = _MIN_TOTAL_LOGP
    found_get = found.get
    best_get = best.get
    get = table.get
    for i in range(lo - 3 if lo > 3 else 0, (hi if hi < n - 1 else n - 1) + 1):
        head = s[:i]
        for j in range(lo if lo > i + 1 else i + 1, (i + 3 if i + 3 < n else n) + 1):
            edits = get(s[i:j])
            if edits is None:
                continue
            tail = s[j:]
            for intended, elp, small in edits:
                v = lp + elp + shift
                if v < floor:
                    break  # entries are sorted best first
                t = head + intended + tail
                low = t if same and small else t.lower()
                if low in known and t and v > found_get(low, _NONE) and v > best_get(t, _NONE):
                    found[low] = v
    first, stop = lo if lo > 0 else 0, (hi if hi < n else n) + 1
    if first >= stop:
        return
    for intended, elp in inserts:
        v = lp + elp + shift
        if v < floor:
            break
        for i in range(first, stop):
            t = s[:i] + intended + s[i:]
            low = t.lower()
            if low in known and v > found_get(low, _NONE) and v > best_get(t, _NONE):
                found[low] = v


#: by the learned table's id: the table, and its entries marked as ``_cased`` says
_cased_tables: dict[int, tuple[dict[str, tuple[tuple[str, float], ...]],
                               dict[str, tuple[tuple[str, float, bool], ...]]]] = {}


def _cased(table: dict[str, tuple[tuple[str, float], ...]]) -> dict[str, tuple[tuple[str, float, bool], ...]]:
    """The learned table with a third field per entry: whether the intended string is its own
    lower case (then so is an edit with it of a string in small letters: no ``lower()`` needed)."""
    got = _cased_tables.get(id(table))
    if got is None or got[0] is not table:
        if len(_cased_tables) > 16:
            _cased_tables.clear()
        marked = {observed: tuple((intended, elp, intended.lower() == intended) for intended, elp in entries)
                  for observed, entries in table.items()}
        got = (table, marked)
        _cased_tables[id(table)] = got
    return got[1]


def _generic(s: str, lp: float, channel: ConfusionModel, reached: dict[str, float], alphabet: str) -> None:
    """All one-character edits at the unseen-edit cost (a learned edit to the same string is kept if better).

    The edits are listed in the order the search always used (per position: deletion,
    substitutions, transposition; then insertions) and merged into ``reached`` at once: a string
    listed twice always comes with the same score (edits of one kind and position cost the same),
    so ``dict(zip(...))`` keeps its first place and its score, as one-by-one updates would.
    """
    n = len(s)
    sub, ins, dele = lp + channel.unseen_sub, lp + channel.unseen_del, lp + channel.unseen_ins
    heads = [s[:i] for i in range(n + 1)]
    tails = [s[i:] for i in range(n + 1)]
    ts: list[str] = []
    vs: list[float] = []
    for i in range(n):
        head, tail = heads[i], tails[i + 1]
        row = channel.sub_row(s[i], alphabet)
        ts.append(head + tail)  # OCR inserted s[i]
        vs.append(dele)
        ts += [head + c + tail for c, _ in row]
        vs += [lp + elp for _, elp in row]
        if i + 1 < n:
            ts.append(head + s[i + 1] + s[i] + tails[i + 2])
            vs.append(sub)
    k = len(ts)
    ts += [head + c + tail for head, tail in zip(heads, tails, strict=True) for c in alphabet]  # OCR dropped c
    vs += [ins] * (len(ts) - k)
    edits = dict(zip(ts, vs, strict=True))
    _merge(reached, edits)


_EMPTY: frozenset[str] = frozenset()
_plain_rows: dict[int, tuple[list[tuple[str, float]], bool, float]] = {}
#: contexts remembered per dictionary index before the memo starts again
_MEMO_MAX = 100_000


def _fifth(reached: dict[str, float]) -> float:
    """A floor the beam's last place can only rise above: the fifth best score so far."""
    if len(reached) < _BEAM:
        return -_INF
    return sorted(reached.values(), reverse=True)[_BEAM - 1]


def _plain(row: list[tuple[str, float]]) -> bool:
    """Whether every letter of a substitution row is one character that is its own lower case."""
    return _row_info(row)[0]


def _row_info(row: list[tuple[str, float]]) -> tuple[bool, float]:
    """``_plain(row)``, and the row's best log-probability."""
    got = _plain_rows.get(id(row))
    if got is None or got[0] is not row:
        if len(_plain_rows) > 4096:
            _plain_rows.clear()
        got = (row, all(len(c) == 1 and c.lower() == c for c, _ in row), max((lp for _, lp in row), default=-_INF))
        _plain_rows[id(row)] = got
    return got[1], got[2]


class _Skips(NamedTuple):
    """How ``_generic_lazy`` chose the edits of one string: enough to tell again which it left out."""

    s: str
    lp: float
    floor: float
    marked: str  # the lower-cased string with its word marks
    lo: int  # an edit that can make a word ends at or after ``lo`` ...
    hi: int  # ... and starts at or before ``hi``
    size: int  # strings reached before these edits (a string placed before them did not move)


def _sub_ok(k: _Skips, i: int, row: list[tuple[str, float]], index: _Index) -> frozenset[str] | None:
    """Letters that may replace ``s[i]`` in a dictionary word (None: any)."""
    if not (i <= k.hi and i + 1 >= k.lo):
        return _EMPTY
    if not _plain(row):
        return None
    m, n = k.marked, len(k.s)
    # s[i] is m[i + 1]
    ok = index.between.get(m[i] + m[i + 2], _EMPTY)
    if ok and i >= 1:
        ok = ok & index.after.get(m[i - 1 : i + 1], _EMPTY)
    if ok and i + 3 <= n + 1:
        ok = ok & index.before.get(m[i + 2 : i + 4], _EMPTY)
    return ok


def _ins_ok(k: _Skips, i: int, index: _Index) -> frozenset[str]:
    """Letters that may stand before ``s[i]`` in a dictionary word."""
    if not (k.lo <= i <= k.hi):
        return _EMPTY
    m, n = k.marked, len(k.s)
    # the letter goes between m[i] and m[i + 1]
    ok = index.between.get(m[i : i + 2], _EMPTY)
    if ok and i >= 1:
        ok = ok & index.after.get(m[i - 1 : i + 1], _EMPTY)
    if ok and i + 2 <= n + 1:
        ok = ok & index.before.get(m[i + 1 : i + 3], _EMPTY)
    return ok


def _generic_lazy(s: str, lp: float, channel: ConfusionModel, reached: dict[str, float], alphabet: str,
                  index: _Index, floor: float, words: Container[str] | None = None) -> _Skips | None:
    """``_generic`` without the substitutions and insertions that can neither make a dictionary
    word (a trigram of the result that no word has) nor reach ``floor``, a score the beam's
    last place will not be under. Deletions and transpositions are all kept (there are few).

    The kept edits are listed in the same order, so the beam and the words come out the same;
    what is left out is never looked up and never enters ``best``, which only a beam level after
    this one could notice (``_unsure`` checks that with the returned record; None: nothing left out).

    With ``words`` (the next level is the last, which reads ``best`` for words only), the edits
    under ``floor`` are kept only when they are words in it: most edits the trigrams let through
    are not, and sorting them into ``reached``, ``best`` and the beam would be wasted work.
    """
    got = _lazy_edits(s, lp, channel, alphabet, index, floor, len(reached))
    if got is None:
        _generic(s, lp, channel, reached, alphabet)
        return None
    ts, vs, k = got
    if words is not None:
        # the string is its own lower case, then so are its edits (alphabet letters are)
        same = s == k.marked[1:-1]
        edits = {t: v for t, v in zip(ts, vs, strict=True) if not v < floor or (t if same else t.lower()) in words}
    else:
        edits = dict(zip(ts, vs, strict=True))
    _merge(reached, edits)
    return k


def _generic_words(s: str, lp: float, channel: ConfusionModel, known: Container[str], found: dict[str, float],
                   alphabet: str, index: _Index) -> None:
    """The dictionary words among ``_generic``'s edits of ``s``, straight into ``found`` (last level).

    Only edits whose result has no trigram missing from the dictionary are built. A generic edit
    needs no "better than reached before" test: a string reached before with a better score was
    looked up then, so its word already holds at least that score.
    """
    words = _word_edits(s, lp, channel, alphabet, known, index, _INF)
    if words is not None:
        ts, vs = words
    else:
        got = _lazy_edits(s, lp, channel, alphabet, index, _INF, 0)
        if got is None:
            reached: dict[str, float] = {}
            _generic(s, lp, channel, reached, alphabet)
            ts, vs = list(reached), list(reached.values())
        else:
            ts, vs, _ = got
    found_get = found.get
    for t, v in zip(ts, vs, strict=True):
        low = t if t.islower() else t.lower()
        if low in known and t and v > found_get(low, _NONE):
            found[low] = v


def _lazy_edits(s: str, lp: float, channel: ConfusionModel, alphabet: str, index: _Index, floor: float,
                size: int) -> tuple[list[str], list[float], _Skips] | None:
    """The edits ``_generic_lazy`` keeps, in ``_generic``'s order (None: the string's case rules
    out the trigram test)."""
    n = len(s)
    low = s.lower()
    if len(low) != n or _SIGMA in s:
        return None
    grams = index.grams
    marked = _START + low + _END
    bad = [q for q in range(n) if marked[q : q + 3] not in grams]
    lo, hi = (bad[-1], bad[0] + 1) if bad else (0, n)
    k = _Skips(s, lp, floor, marked, lo, hi, size)
    sub, ins, dele = lp + channel.unseen_sub, lp + channel.unseen_del, lp + channel.unseen_ins
    ts: list[str] = []
    vs: list[float] = []
    subs = index.subs
    for i in range(n):
        head, tail = s[:i], s[i + 1 :]
        ts.append(head + tail)  # OCR inserted s[i]
        vs.append(dele)
        x = s[i]
        row = channel.sub_row(x, alphabet)
        plain, top = _row_info(row)
        if plain and lp + top < floor:
            # no letter reaches the floor: only those that can make a word, as ``_sub_ok`` says
            # (the row's letters, hence the places, depend on the alphabet and ``x`` alone)
            if i <= hi and i + 1 >= lo:
                key = (alphabet, x, marked[max(0, i - 1) : i + 1], marked[i + 2 : i + 4])
                places = subs.get(key)
                if places is None:
                    ok = _sub_ok(k, i, row, index)
                    places = tuple(r for r, (c, _) in enumerate(row) if ok is None or c in ok)
                    if len(subs) >= _MEMO_MAX:
                        subs.clear()
                    subs[key] = places
                for r in places:
                    c, elp = row[r]
                    ts.append(head + c + tail)
                    vs.append(lp + elp)
        else:
            ok = _sub_ok(k, i, row, index)
            if ok is None:
                ts += [head + c + tail for c, _ in row]
                vs += [lp + elp for _, elp in row]
            else:
                for c, elp in row:
                    v = lp + elp
                    if c in ok or not v < floor:
                        ts.append(head + c + tail)
                        vs.append(v)
        if i + 1 < n:
            ts.append(head + s[i + 1] + s[i] + s[i + 2 :])
            vs.append(sub)
    first = len(ts)
    if not ins < floor:
        ts += [s[:i] + c + s[i:] for i in range(n + 1) for c in alphabet]  # OCR dropped c
    else:
        inserts = index.inserts
        for i in range(lo, hi + 1):
            gap = (alphabet, marked[max(0, i - 1) : i + 1], marked[i + 1 : i + 3])
            letters = inserts.get(gap)
            if letters is None:
                ok = _ins_ok(k, i, index)
                letters = "".join(c for c in alphabet if c in ok)
                if len(inserts) >= _MEMO_MAX:
                    inserts.clear()
                inserts[gap] = letters
            if letters:
                head, tail = s[:i], s[i:]
                ts += [head + c + tail for c in letters]
    vs += [ins] * (len(ts) - first)
    return ts, vs, k


def _unsure(reached: dict[str, float], frontier: list[tuple[str, float]], skips: list[_Skips],
            channel: ConfusionModel, alphabet: str, index: _Index) -> bool:
    """Whether the beam could differ from the full search's: it holds (or ties with its last
    place) a string that ``_generic_lazy`` left out and that ties with another one there.

    A left-out string can come back in the same level through a later learned edit, with the
    same score as in the full search (which had it, lower, at the generic edit's place: under
    the floor, it is not in the beam) but a later place: only ties can tell.
    """
    if not frontier or not skips:
        return False
    last = frontier[-1][1]
    top = nlargest(_BEAM + 1, reached.values())
    items = frontier
    if len(top) > _BEAM and not top[_BEAM] < last:
        items = [(t, v) for t, v in reached.items() if v >= last]
    values = [v for _, v in items]
    order: list[str] = []
    for t, v in items:
        if values.count(v) > 1:
            for k in skips:
                if _left_out(t, k, channel, alphabet, index):
                    order = order or list(reached)
                    if order.index(t) >= k.size:
                        return True
    return False


def _left_out(t: str, k: _Skips, channel: ConfusionModel, alphabet: str, index: _Index) -> bool:
    """Whether ``t`` is a generic edit of ``k.s`` that ``_generic_lazy`` did not build."""
    s = k.s
    n = len(s)
    if len(t) == n:
        p = 0
        while p < n and t[p] == s[p]:
            p += 1
        if p == n or t[p + 1 :] != s[p + 1 :]:
            return False  # the same string, or not one substitution (transpositions are all kept)
        row = channel.sub_row(s[p], alphabet)
        elp = dict(row).get(t[p])
        if elp is None or not k.lp + elp < k.floor:
            return False
        ok = _sub_ok(k, p, row, index)
        return ok is not None and t[p] not in ok
    if len(t) == n + 1 and k.lp + channel.unseen_del < k.floor:
        places = [i for i in range(n + 1) if t[:i] == s[:i] and t[i + 1 :] == s[i:]]
        # every place gives the same letter; the string is left out only if no place built it
        return bool(places) and t[places[0]] in alphabet and all(t[i] not in _ins_ok(k, i, index) for i in places)
    return False
