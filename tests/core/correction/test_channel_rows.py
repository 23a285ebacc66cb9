"""An adapted channel starts with its parent's substitution rows where they cannot differ."""

from __future__ import annotations

import dataclasses

from ocr_desktop.core.correction.corrector import confusion_model

_ALPHABET = "abcdefghijklmnopqrstuvwxyzéè"


def test_adapted_rows_are_the_rows_built_afresh() -> None:
    parent = confusion_model().with_extra({})
    letters = "abcdefghijklmnopqrstuvwxyz0123456789@$|ABCDEFGHIJKLMNOPQRSTUVWXYZé"
    for x in letters:  # the parent has built its rows before the page adapts it
        parent.sub_row(x, _ALPHABET)
    extra = {"c": [("e", -1.5)], "n": [("a", -2.0), ("u", -3.0)], "li": [("h", -2.0)], "": [("e", -3.0)]}
    child = parent.with_extra(extra)
    fresh = dataclasses.replace(child, _rows={}, _tables={})
    for x in letters:
        assert child.sub_row(x, _ALPHABET) == fresh.sub_row(x, _ALPHABET), x
    # the letters the page re-weighs get rows of their own; the others are the parent's
    assert child.sub_row("c", _ALPHABET) != parent.sub_row("c", _ALPHABET)
    assert child.sub_row("n", _ALPHABET) != parent.sub_row("n", _ALPHABET)
    assert child.sub_row("o", _ALPHABET) is parent.sub_row("o", _ALPHABET)


def test_learned_table_holds_no_change_of_case_only() -> None:
    # the dictionary is asked about lower case, so 'c' -> 'C' edits nothing; the table must use
    # its few places per source for edits that can make another word
    model = confusion_model()
    assert any(s != s.lower() and s.lower() == o for o, es in model.reverse.items() for s, _ in es), \
        "the trained table no longer holds case confusions: this test checks nothing"
    for per_source in (3, 5):
        for observed, entries in model.learned_table(per_source, -9.0).items():
            assert all(s.lower() != observed.lower() for s, _ in entries), observed
            assert len(entries) <= per_source


def test_a_misread_word_behind_case_confusions_is_found(pp) -> None:
    # before, edits that only change case took the beam places that the way to 'five' needed
    from ocr_desktop.core.correction.candidates import generate

    assert "five" in generate("flvo", pp.channel, pp._known, 2, pp._alphabet)
