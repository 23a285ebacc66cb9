"""Chunks and pieces: the hand-written constructors keep them frozen dataclasses, and the short
way for a word wrapped in punctuation protects exactly what the full pattern list protects."""

from __future__ import annotations

import dataclasses

import pytest

from ocr_desktop.core.correction.tokens import (
    INNER_SYMBOLS,
    MISREAD_GUILLEMETS,
    Chunk,
    Kind,
    Piece,
    chunks,
    is_protected_chunk,
    mask_quoting_guillemets,
    pieces,
)


def test_pieces_and_chunks_are_frozen_dataclasses() -> None:
    p = Piece(3, 7, "word", Kind.WORD, 1)
    assert (p.start, p.end, p.text, p.kind, p.chunk_index) == (3, 7, "word", Kind.WORD, 1)
    assert p == Piece(3, 7, "word", Kind.WORD, 1) and hash(p) == hash(Piece(3, 7, "word", Kind.WORD, 1))
    assert p != Piece(3, 7, "ward", Kind.WORD, 1)
    assert dataclasses.replace(p, text="w0rd", kind=Kind.MIXED) == Piece(3, 7, "w0rd", Kind.MIXED, 1)
    assert repr(Chunk(0, 2, "ok", False)) == "Chunk(start=0, end=2, text='ok', protected=False)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.text = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Chunk(0, 2, "ok", False).protected = True  # type: ignore[misc]


@pytest.mark.parametrize(("text", "protected"), [
    ("word,", False), ("(word)", False), ("«Word»", False), ("'Tis", False), ("end.", False),
    ("www.", True), ("WWW.", True), ("<b>", True), ("<br>", True), ("word</td>", True), ("<td", True),
    ("<Only", False), ("http://x", True), ("notes.txt", True), ("a.b.com", True), ("(12)", True),
    ("12.50,", True), ("INV-2019-004.", True),
    # TeX: a command or a span in dollars is mathematics; a dollar at one edge may be a misread s
    ("$\\theta$.", True), ("$n$,", True), ("\\alpha", True), ("$\\sigma(s,", True), ("thi$", False), ("$ale", False),
    ("\\ittle", False), ("\\frac{a}{b}", True),  # a backslash read for a letter starts no command
])
def test_protected_chunks(text: str, protected: bool) -> None:
    assert is_protected_chunk(text) is protected


def test_chunks_and_pieces_of_a_line() -> None:
    raw = "Tbe (house) costs $12.50, see www.example.com or s@mple."
    got = chunks(raw)
    assert [(c.text, c.protected) for c in got] == [
        ("Tbe", False), ("(house)", False), ("costs", False), ("$12.50,", True), ("see", False),
        ("www.example.com", True), ("or", False), ("s@mple.", False)]
    assert all(raw[c.start : c.end] == c.text for c in got)
    assert [(p.text, p.kind) for p in pieces(raw, got)] == [
        ("Tbe", Kind.WORD), ("house", Kind.WORD), ("costs", Kind.WORD), ("see", Kind.WORD), ("or", Kind.WORD),
        ("s@mple", Kind.MIXED)]


def _pieces_of(text: str, signs: str) -> list[tuple[str, Kind]]:
    return [(p.text, p.kind) for p in pieces(text, chunks(text), signs)]


def test_guillemets_are_letters_only_where_the_caller_says_so() -> None:
    text = "miner» wa« »nd"
    assert _pieces_of(text, INNER_SYMBOLS) == [("miner", Kind.WORD), ("wa", Kind.WORD), ("nd", Kind.WORD)]
    assert _pieces_of(text, INNER_SYMBOLS + MISREAD_GUILLEMETS) == [
        ("miner»", Kind.MIXED), ("wa«", Kind.MIXED), ("»nd", Kind.MIXED)]
    # one sign opens or closes a word, never both: that is a quoted word
    assert _pieces_of("«yes»", INNER_SYMBOLS + MISREAD_GUILLEMETS) == []


@pytest.mark.parametrize(("text", "quoting"), [
    ("He called it «la belle époque» in his book.", "«»"),
    ("The sign read »Ausgang« above the door.", "»«"),
    ("«Oui», dit-il.", "«»"),
    ("She said «he told me «go» now» today.", "««»»"),  # nested
    ("He wrote «" + "so on and " * 60 + "near» and left.", "«»"),  # a long quotation
    ("one «a» two\r\n\r\nthree «b» four", "«»«»"),
])
def test_guillemets_that_quote_are_masked(text: str, quoting: str) -> None:
    masked = mask_quoting_guillemets(text)
    assert len(masked) == len(text)
    assert "".join(c for c, m in zip(text, masked, strict=True) if c != m) == quoting
    assert all(m == '"' for c, m in zip(text, masked, strict=True) if c != m)


@pytest.mark.parametrize("text", [
    "The miner» are well off, and wa« made.",  # closing signs only: no quote opens
    "deep »inking\n\nthe range« beyond",  # a paragraph apart
    "deep »inking\n \nthe range« beyond",  # a blank line with a space in it
    "deep »inking\r\n\r\nthe range« beyond",
    "one »moa " + "x" * 1200 + " miner» two",  # too far apart to quote the words between
    "the »hip sank and File » Open",  # the second sign stands alone: it closes nothing
])
def test_guillemets_that_do_not_quote_stay(text: str) -> None:
    assert mask_quoting_guillemets(text) == text


def test_a_far_closing_sign_forgets_the_open_ones() -> None:
    # »nd opened nothing the sign pages later closes: both stay letters, and so does »s, left
    # behind when a closer found only stale openers
    text = "»nd " + "x" * 1200 + " Sofala.\n-» and »s then wa«"
    masked = mask_quoting_guillemets(text)
    assert masked[0] == "»" and masked[text.index("-»") + 1] == "»"
    assert masked[text.index("»s")] == '"' and masked[text.index("wa«") + 2] == '"'
