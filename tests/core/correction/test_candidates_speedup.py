"""The fast candidate search gives exactly what the plain search it replaced gave.

``_reference_generate`` below is the search as it was before the speed-ups (commit 50f3e60),
kept here as the judge: same words, same scores, same order, on strings made from dictionary
words with OCR-like damage, capitals, digits and signs, with the shipped channel, a
page-adapted copy of it, a shifted error rate, and one or two dictionaries.
"""

from __future__ import annotations

import random
from collections.abc import Container
from operator import itemgetter

import pytest

from ocr_desktop.core.correction.candidates import _TABLE_SHIFT, _hash, _index, generate
from ocr_desktop.core.correction.channel import ConfusionModel
from ocr_desktop.core.correction.corrector import confusion_model
from ocr_desktop.core.correction.language_model import lexicon

# ---------------------------------------------------------------- the search before the speed-ups
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


def _reference_generate(
    observed: str,
    channel: ConfusionModel,
    known: Container[str],
    max_edits: int = 3,
    alphabet: str = _ALPHABET,
    *,
    generic: bool = True,
    shift: float = 0.0,
) -> dict[str, float]:
    """The plain search (see candidates.generate)."""
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


# ---------------------------------------------------------------- the comparison
_NOISE = "0123456789@$'-.,lI1rnmvwcé"


def _damaged(rnd: random.Random, words: list[str]) -> str:
    if rnd.random() < 0.25:
        return "".join(rnd.choice(_NOISE + "abcdefghijklmnopqrstuvwxyzTHE") for _ in range(rnd.randint(0, 11)))
    w = list(rnd.choice(words))
    for _ in range(rnd.randint(0, 3)):
        p = rnd.randrange(len(w) + 1)
        op = rnd.random()
        if op < 0.4 and p < len(w):
            w[p] = rnd.choice(_NOISE + "aeiou")
        elif op < 0.7:
            w.insert(p, rnd.choice(_NOISE))
        elif p < len(w):
            del w[p]
    if rnd.random() < 0.15:
        w = [c.upper() for c in w]
    elif rnd.random() < 0.25 and w:
        w[0] = w[0].upper()
    return "".join(w)


def _alphabet(*known: Container[str]) -> str:
    return "".join(sorted({c for k in known for w in k for c in w if c.isalpha()}))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def setups() -> list[tuple[ConfusionModel, Container[str], str]]:
    general = confusion_model()
    adapted = general.with_extra({"c": [("e", -1.5)], "li": [("h", -2.0)], "": [("e", -3.0)]})
    en = lexicon("en").counts
    both = frozenset(en) | frozenset(lexicon("fr").counts)
    return [(general, en, _alphabet(en)), (adapted, en, _alphabet(en)), (general, both, _alphabet(both))]


@pytest.mark.parametrize("seed", [1, 2])
def test_same_candidates_as_the_plain_search(setups: list[tuple[ConfusionModel, Container[str], str]],
                                             seed: int) -> None:
    rnd = random.Random(seed)
    words = sorted(w for w in lexicon("en").counts if 2 <= len(w) <= 12)
    for _ in range(600):
        channel, known, alphabet = rnd.choice(setups)
        text = _damaged(rnd, words)
        max_edits = rnd.choice([1, 2, 2, 3, 3, 3])
        is_generic = rnd.random() < 0.8
        shift = rnd.choice([0.0, 0.0, 0.7, -0.4])
        want = _reference_generate(text, channel, known, max_edits, alphabet, generic=is_generic, shift=shift)
        got = generate(text, channel, known, max_edits, alphabet, generic=is_generic, shift=shift)
        assert list(got.items()) == list(want.items()), text


def test_other_containers_use_the_plain_search() -> None:
    """A dictionary that is neither a dict nor a frozenset (no trigram index) still works."""
    channel = confusion_model()
    known = {"the", "them", "then", "there"}
    for text in ("tbe", "thc", "tlie", "Tbem", "tbere", "THEN"):
        assert generate(text, channel, known) == _reference_generate(text, channel, known)


def test_one_channel_serves_two_alphabets() -> None:
    """English and French word lists share the channel: each search sees its own alphabet's
    substitutions (the rows were once cached by letter alone, and a French row then served an
    English search: an index out of range in the remembered substitutions)."""
    channel = confusion_model().with_extra({})
    en = lexicon("en").counts
    both = frozenset(en) | frozenset(lexicon("fr").counts)
    small, large = _alphabet(en), _alphabet(both)
    assert small != large
    for known, alphabet in ((both, large), (en, small), (both, large)):
        assert [c for c, _ in channel.sub_row("e", alphabet)] == [c for c in alphabet if c != "e"]
        for text in ("tbe", "hcuse", "cornfort"):
            assert generate(text, channel, known, 2, alphabet) == _reference_generate(text, channel, known, 2,
                                                                                    alphabet)


def test_the_word_table_flags_every_word() -> None:
    """The hashes the word table is built from are the ones the search computes for its edits:
    every word of a dictionary (capitals, accents, letters beyond the BMP, the empty word)
    flags its slot, so no edit that is a word is ever left unbuilt."""
    words = ["the", "a", "", "naïve", "Zürich", "𝔘nicode", "l'eau", "x" * 40]
    for known in (frozenset(words), dict.fromkeys(words, 1)):
        index = _index(known)
        assert index is not None and index.table is not None
        for w in words:
            assert index.table[_hash(w) >> _TABLE_SHIFT], w


def test_words_holding_a_word_mark_make_no_word_table() -> None:
    """The words are found in the joined list by their marks: a word that holds one would
    shift them, so there is no table and the edits are chosen as before (same candidates)."""
    channel = confusion_model()
    known = frozenset({"the", "them", "then", "there", "odd\x02one", "odd\x03two"})
    index = _index(known)
    assert index is not None and index.table is None
    for text in ("tbe", "thc", "tlie", "Tbem", "tbere", "THEN"):
        for max_edits in (1, 2, 3):
            assert list(generate(text, channel, known, max_edits).items()) == list(
                _reference_generate(text, channel, known, max_edits).items())


def test_an_alphabet_repeating_a_letter_gets_the_same_candidates() -> None:
    """The word table's layout takes each letter once; an alphabet that repeats one is searched
    the other way, with the same result."""
    channel = confusion_model()
    known = lexicon("en").counts
    alphabet = _ALPHABET + "ae"
    for text in ("tbe", "hcuse", "cornfort", "Tlie", "aud"):
        for max_edits in (1, 2, 3):
            assert list(generate(text, channel, known, max_edits, alphabet).items()) == list(
                _reference_generate(text, channel, known, max_edits, alphabet).items()), text
