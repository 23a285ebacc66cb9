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
